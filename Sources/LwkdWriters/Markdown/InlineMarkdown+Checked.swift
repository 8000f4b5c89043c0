import LwkdModel

/// The check of the emphasis the Markdown writer writes: the delimiters must pair, by
/// CommonMark's delimiter-run rules, as the model nests them.
///
/// Which character (`*` or `_`) reads back as written depends on the characters around each
/// run, on the runs it touches and on the rule of three (CommonMark §6.2, rules 1–17), so the
/// writer's first choice, made from the neighbours, is checked by running cmark's algorithm
/// over what it wrote (``DelimiterRuns``); where a group of emphasis does not read back, other
/// characters are tried (see ``InlineMarkdown/checked(_:context:)``).
extension InlineMarkdown {
    /// True when the inlines hold emphasis, strong emphasis or strikethrough, at any depth.
    static func hasDelimiters(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .emphasis, .strong, .strikethrough: true
            case .link(_, let content), .image(_, let content):
                hasDelimiters(content)
            default: false
            }
        }
    }

    /// What may change when the first rendering does not read back.
    private enum Variable {
        /// The delimiter character of an emphasis or strong node: `*` or `_`.
        case node(Int)
        /// A text's first (`2 × text`) or last (`2 × text + 1`) `*`, `_` or `~`, left unescaped
        /// so it joins the run next to it and is left over as text (`___=_*n*_`): escaped, it is
        /// still punctuation before the run, so the run could both open and close and the
        /// rule of three would keep it from pairing. (cmark-gfm looks through `~` for flanking,
        /// but not through `\~`.)
        case edge(Int)
        /// A joined text edge that ends in two or more of its `*` or `_`: two of them join
        /// instead of one. The rule of three counts the run's length modulo 3, so joining one
        /// or two reaches every length (`**` before `****0*o**0*o` must join both: the run of
        /// four cannot pair its `**` closer, of five its `*`).
        case double(Int)
        /// A joined text edge that ends in three or more of its `*` or `_`: all of them join,
        /// so the run has the text's character before it, not an escaped delimiter. After a
        /// space, `*****` joined whole to an opening `*` makes a run that can only open; with an
        /// escaped `*` before it, it could also close, and would pair with what an earlier run
        /// left over (`**` … `\*\*\*\*\**/E0z`).
        case whole(Int)
    }

    /// The inlines written into a scratch layout, with delimiters that read back as written
    /// where the search finds such a form.
    ///
    /// A node's group is its outermost enclosing emphasis (with the texts at its edges). For
    /// each group that does not read back, the other character of its nodes, the joining of
    /// its edge characters and the other character of the neighbouring groups (those its runs
    /// touch, and one more on either side) are tried, fewest changes first: every subset of
    /// the first 10 variables (1,023 tries), then, with a budget of its own, the subsets that
    /// change one of the rest (up to 32 variables), and the first that fixes the group without
    /// misreading anything else is kept. (Before the second round, a group between two busy
    /// neighbours never tried the neighbours' edges: the joined `_` that fixed `___=_*n*_`
    /// after `___=_**_` was the 11th variable. Trying all 32 fewest first in one round lost
    /// fixes of four or more changes among the first 10.) A paragraph gets at most 1,024
    /// tries in each round and at least 8, within the document's ``SearchAllowance``.
    ///
    /// Where the search finds no fix, fallbacks are tried (and searched the same way), so the
    /// output of every paragraph the search fixes stays as it was: the groups left misread in
    /// the canonical rendering (``DelimiterCheckRecord/canonical``: references at the runs'
    /// edges, `*` and `_` alternating, every literal escaped), with three choices of
    /// characters; the whole paragraph so; the first rendering with references at the runs'
    /// edges. The rendering that misreads least is kept.
    static func checked(
        _ inlines: [Inline], context: Context, allowance: inout SearchAllowance
    ) -> State {
        func render(
            _ forced: [Int: UInt8], _ joined: Set<Int>, _ doubled: Set<Int> = [],
            _ wholly: Set<Int> = [], canonical: Bool = false, references: Bool = false,
            tops: Set<Int> = [], nearest: Bool = false, joins: Bool = false
        ) -> (State, Set<Int>) {
            var state = State(context: context)
            state.check.isOn = true
            state.check.canonical = canonical
            state.check.references = references
            state.check.canonicalTops = tops
            state.check.keepsNearest = nearest
            state.check.joinsOpeners = joins
            state.check.forced = forced
            state.check.joined = joined
            state.check.doubled = doubled
            state.check.wholly = wholly
            state.write(inlines, inLinkText: false, parent: nil)
            let source = Array((state.layout.out + state.layout.openLine).utf8)
            return (state, DelimiterRuns.misread(source, state.check.marks))
        }
        var (best, misread) = render([:], [])
        guard !misread.isEmpty else { return best }
        let size = best.layout.out.utf8.count + best.layout.openLine.utf8.count
        allowance.bytes += SearchAllowance.perByte * size
        defer { allowance.bytes = max(0, allowance.bytes) }
        // The search from `best`: see above. The canonical rendering searches in the same way
        // (its variables are its nodes' characters only).
        func search(
            _ best: inout State, _ misread: inout Set<Int>, canonical: Bool = false,
            references: Bool = false, tops: Set<Int> = [], nearest: Bool = false,
            joins: Bool = false
        ) {
            var budget = min(1024, allowance.bytes / max(1, size))
            var extra = budget
            var unfixable = Set<Int>()
            while budget > 0 || extra > 0,
                let group = misread.compactMap({ best.check.tops[$0] })
                    .filter({ !unfixable.contains($0) }).min()
            {
                let record = best.check
                func nodes(of group: Int) -> [Int] {
                    record.chosen.keys.filter { record.tops[$0] == group }.sorted()
                }
                // A group's own edges, then its neighbours' nodes and edges: a run one group
                // leaves over can pair with the next group's opener unless that opener's run
                // changes too.
                func edgeVariables(_ group: Int) -> [Variable] {
                    let edges = record.edgeGroups.filter { $0.value == group }.map(\.key).sorted()
                    return edges.map { Variable.edge($0) }
                        + edges.filter { record.doubleEdges.contains($0) }.map { Variable.double($0) }
                        + edges.filter { record.wholeEdges.contains($0) }.map { Variable.whole($0) }
                }
                var neighbours: [Int] = []
                var neighbourEdges: [Variable] = []
                for top in record.neighbours(of: group) {
                    neighbours += nodes(of: top)
                    neighbourEdges += edgeVariables(top)
                }
                let own = nodes(of: group)
                let variables = Array(
                    (own.map { Variable.node($0) } + edgeVariables(group)
                        + neighbours.map { Variable.node($0) } + neighbourEdges).prefix(32))
                // Changes the variables of `mask`; true when that fixes the group without
                // misreading anything the rendering before read right.
                func attempt(_ mask: Int) -> Bool {
                    allowance.bytes -= size
                    var forced = record.forced
                    var joined = record.joined
                    var doubled = record.doubled
                    var wholly = record.wholly
                    for node in own + neighbours { forced[node] = record.chosen[node] }
                    for (bit, variable) in variables.enumerated() where mask & (1 << bit) != 0 {
                        switch variable {
                        case .node(let node):
                            forced[node] =
                                record.chosen[node] == UInt8(ascii: "*")
                                ? UInt8(ascii: "_") : UInt8(ascii: "*")
                        case .edge(let edge):
                            if joined.remove(edge) == nil { joined.insert(edge) }
                        case .double(let edge):
                            if doubled.remove(edge) == nil { doubled.insert(edge) }
                        case .whole(let edge):
                            if wholly.remove(edge) == nil { wholly.insert(edge) }
                        }
                    }
                    let (candidate, left) = render(
                        forced, joined, doubled, wholly, canonical: canonical,
                        references: references, tops: tops, nearest: nearest, joins: joins)
                    guard left.isSubset(of: misread),
                        !left.contains(where: { record.tops[$0] == group })
                    else { return false }
                    best = candidate
                    misread = left
                    return true
                }
                // Every subset of the first 10 variables, then, with a budget of its own, those that
                // change a later one.
                let first = min(variables.count, 10)
                var fixed = false
                round: for (round, masks) in [SubsetMasks(first), SubsetMasks(variables.count)]
                    .enumerated()
                {
                    for mask in masks where round == 0 || mask >> first != 0 {
                        guard (round == 0 ? budget : extra) > 0 else { continue round }
                        if round == 0 { budget -= 1 } else { extra -= 1 }
                        if attempt(mask) {
                            fixed = true
                            break round
                        }
                    }
                }
                if !fixed { unfixable.insert(group) }
            }
        }
        search(&best, &misread, canonical: false)
        // The fallbacks, tried only where the search found no form that reads back, so output
        // the search fixes (every normal post's) stays as it was: the groups left misread
        // written canonically, the rest as the search found them; the whole paragraph written
        // canonically; the first rendering with references at the runs' edges. Each is searched
        // in the same way, within the allowance, and kept where it misreads less.
        let searched = (best.check, misread)
        // The choices of characters start from what the search found, and each may spend what
        // the search left of the allowance (the first would spend it all): the three spend at
        // most three times that, and the later fallbacks what is left.
        let remaining = allowance.bytes
        var spent = 0
        for (nearest, joins) in [(true, false), (false, false), (true, true)]
        where !misread.isEmpty {
            let record = searched.0
            let groups = Set(searched.1.compactMap { record.tops[$0] })
            let forced = record.forced.filter { !groups.contains(record.tops[$0.key] ?? -1) }
            let start = remaining + SearchAllowance.perByte * size - size
            allowance.bytes = start
            var (candidate, left) = render(
                forced, record.joined, record.doubled, record.wholly, tops: groups,
                nearest: nearest, joins: joins)
            if !left.isEmpty {
                search(&candidate, &left, tops: groups, nearest: nearest, joins: joins)
            }
            spent += start - allowance.bytes
            if left.isSubset(of: searched.1), left.count < misread.count {
                (best, misread) = (candidate, left)
            }
        }
        if spent > 0 { allowance.bytes = remaining - spent }
        for (nearest, joins) in [(false, false), (true, false), (true, true)]
        where !misread.isEmpty {
            allowance.bytes += SearchAllowance.perByte * size - size
            var (candidate, left) = render(
                [:], [], canonical: true, nearest: nearest, joins: joins)
            if !left.isEmpty {
                search(&candidate, &left, canonical: true, nearest: nearest, joins: joins)
            }
            if left.count < misread.count { (best, misread) = (candidate, left) }
        }
        if !misread.isEmpty {
            allowance.bytes += SearchAllowance.perByte * size - size
            var (candidate, left) = render([:], [], references: true)
            if !left.isEmpty { search(&candidate, &left, references: true) }
            if left.count < misread.count { best = candidate }
        }
        return best
    }

    /// What the search may re-render over a whole document: 1 MB, and eight times the size of
    /// each paragraph, heading or cell it checks. Each paragraph's own search is also held to
    /// 1,024 tries a round (two rounds), so the writer stays linear in its input with a small
    /// constant even on a post made of emphasis the first rendering misreads (a per-paragraph
    /// allowance alone let 50 MB of such paragraphs cost about a thousand times their size).
    struct SearchAllowance {
        static let perByte = 8
        var bytes = 1_000_000
    }
}

/// Every non-empty subset of `count` variables as a bit mask, fewest first and, among subsets
/// of one size, in increasing order, made one at a time as the search tries them (Gosper's
/// hack gives the next larger mask with as many bits): listing and sorting all 2^count subsets
/// would cost far more than the 1,024 tries a paragraph gets.
struct SubsetMasks: Sequence, IteratorProtocol {
    let count: Int
    private var size = 0
    private var mask = 0

    init(_ count: Int) { self.count = Swift.max(0, Swift.min(count, 62)) }

    mutating func next() -> Int? {
        if size > 0 {
            let lowest = mask & -mask
            let ripple = mask + lowest
            let following = (((ripple ^ mask) >> 2) / lowest) | ripple
            if following < 1 << count {
                mask = following
                return mask
            }
        }
        guard size < count else { return nil }
        size += 1
        mask = (1 << size) - 1
        return mask
    }
}

/// What ``InlineMarkdown/checked(_:context:)`` needs of a rendering: the delimiters written
/// and their nodes, and what a new rendering should do differently.
struct DelimiterCheckRecord {
    /// True while checking: marks, breaks and the search's facts are recorded.
    var isOn = false
    /// True for the canonical rendering, the fallback when the search finds no form that reads
    /// back (see ``InlineMarkdown/checked(_:context:allowance:)``).
    var canonical = false
    /// The groups (outermost nodes) written as in the canonical rendering, the rest as in the
    /// first.
    var canonicalTops: Set<Int> = []
    /// The canonical rendering's second choice of characters: a run that can only open takes
    /// the character of the nearest enclosing run of its kind (see
    /// ``InlineMarkdown/State/canonicalDelimiter(length:touching:parent:first:last:content:previous:)``).
    var keepsNearest = false
    /// The canonical rendering's third choice: emphasis first in emphasis, with more after
    /// it, takes its parent's character, so the two open with one run and close apart
    /// (`**a*b*`): one character for a chain that alternating would need two for.
    var joinsOpeners = false
    /// True inside a group written canonically.
    var isInCanonicalGroup: Bool {
        canonical || (openNodes.first.map { canonicalTops.contains($0) } ?? false)
    }
    /// True when the node opened next is written canonically.
    var opensCanonically: Bool { canonical || canonicalTops.contains(openNodes.first ?? nodeCount) }
    /// True for a group written canonically that `inline`, outside every group, follows.
    func isCanonical(after inline: Inline?) -> Bool {
        switch inline {
        case .emphasis?, .strong?, .strikethrough?:
            openNodes.isEmpty && topLevel.last.map { canonicalTops.contains($0.id) } == true
        default: false
        }
    }
    /// True for a group written canonically that `inline`, outside every group, opens.
    func isCanonical(before inline: Inline?) -> Bool {
        switch inline {
        case .emphasis?, .strong?, .strikethrough?:
            openNodes.isEmpty && canonicalTops.contains(nodeCount)
        default: false
        }
    }
    /// True where texts next to runs are written as in the canonical rendering, the runs as
    /// in the first (the last fallback).
    var references = false
    /// The delimiter runs written, in order.
    var marks: [DelimiterMark] = []
    /// The offsets of the line breaks written (``TextLayout/newline()``).
    var breaks: [Int] = []
    /// The link text or image description being written (0 outside).
    var scope = 0
    private var scopeCount = 0
    /// Texts and nodes so far: their numbers are the same in every rendering.
    var textCount = 0
    var nodeCount = 0

    /// Delimiter characters the search forces on emphasis and strong nodes.
    var forced: [Int: UInt8] = [:]
    /// Text edges the search writes unescaped (see `Variable.edge`).
    var joined: Set<Int> = []
    /// Joined text edges that join two of their characters (see `Variable.double`).
    var doubled: Set<Int> = []
    /// Joined text edges that join their whole run of `*` or `_` (see `Variable.whole`).
    var wholly: Set<Int> = []
    /// Text edges that end in two or more of the same `*` or `_`.
    var doubleEdges: Set<Int> = []
    /// Text edges that end in three or more of the same `*` or `_`.
    var wholeEdges: Set<Int> = []

    /// The character each emphasis and strong node was written with.
    var chosen: [Int: UInt8] = [:]
    /// The outermost emphasis, strong or strikethrough node holding each node (or itself).
    var tops: [Int: Int] = [:]
    /// Text edges with a `*`, `_` or `~` next to a run, and the group they belong to.
    var edgeGroups: [Int: Int] = [:]
    /// The outermost nodes, in order, and whether each directly follows the one before.
    var topLevel: [(id: Int, touching: Bool)] = []
    private var openNodes: [Int] = []
    private var lastClosed: Int?

    /// Starts a link text or image description; returns the scope to go back to.
    mutating func enterScope() -> Int {
        let outer = scope
        scopeCount += 1
        scope = scopeCount
        return outer
    }

    /// Numbers `count` nested nodes written with one run (strong in strong).
    ///
    /// Applies a forced character to `delimiter` and returns the first number; `after` is the
    /// inline written before.
    mutating func open(nodes count: Int, delimiter: inout String, after: Inline?) -> Int {
        let id = nodeCount
        nodeCount += count
        if delimiter.utf8.first != UInt8(ascii: "~") {
            if let char = forced[id], char != delimiter.utf8.first {
                delimiter = String(
                    repeating: Character(Unicode.Scalar(char)), count: delimiter.utf8.count)
            }
            if isOn { chosen[id] = delimiter.utf8.first }
        }
        if isOn {
            let top = openNodes.first ?? id
            for level in 0..<count { tops[id + level] = top }
            if openNodes.isEmpty {
                let touching =
                    switch after {
                    case .emphasis?, .strong?, .strikethrough?: true
                    default: false
                    }
                topLevel.append((id, touching))
            }
            openNodes.append(id)
        }
        return id
    }

    /// Ends the node `id` opened.
    mutating func close(_ id: Int) {
        guard isOn else { return }
        openNodes.removeLast()
        if openNodes.isEmpty { lastClosed = id }
    }

    /// The outermost nodes nearest `top`, nearest first: those it touches through a chain of
    /// nodes written one after another, then one more on either side.
    func neighbours(of top: Int) -> [Int] {
        guard let index = topLevel.firstIndex(where: { $0.id == top }) else { return [] }
        var before = index
        var after = index
        while before > 0, topLevel[before].touching { before -= 1 }
        while after + 1 < topLevel.count, topLevel[after + 1].touching { after += 1 }
        before = max(0, before - 1)
        after = min(topLevel.count - 1, after + 1)
        var result: [Int] = []
        for distance in 1...max(1, topLevel.count) {
            if index - distance >= before { result.append(topLevel[index - distance].id) }
            if index + distance <= after { result.append(topLevel[index + distance].id) }
            if index - distance < before, index + distance > after { break }
        }
        return result
    }

    /// True for the characters a text edge may leave unescaped next to a run.
    static func joins(_ c: Unicode.Scalar?) -> Bool { c == "*" || c == "_" || c == "~" }

    /// Notes the edges of text number `id` that hold a `*`, `_` or `~` next to an emphasis or
    /// strong run (the node `after` it ends or opens, the node `before` it opens or closes).
    mutating func noteEdges(of text: String, id: Int, after: Inline?, before: Inline?) {
        func isRun(_ inline: Inline?) -> Bool {
            switch inline {
            case .emphasis?, .strong?: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        // How many of the edge's character it holds, counting to three.
        func run<S: Sequence<Unicode.Scalar>>(_ edge: S) -> Int {
            var iterator = edge.makeIterator()
            guard let c = iterator.next(), c != "~" else { return 0 }
            var count = 1
            while count < 3, iterator.next() == c { count += 1 }
            return count
        }
        func note(_ edge: Int, _ count: Int) {
            if count >= 2 { doubleEdges.insert(edge) }
            if count >= 3 { wholeEdges.insert(edge) }
        }
        if Self.joins(scalars.first), isRun(after) {
            edgeGroups[2 * id] = openNodes.first ?? lastClosed ?? nodeCount
            note(2 * id, run(scalars))
        }
        if Self.joins(scalars.last), isRun(before) {
            edgeGroups[2 * id + 1] = openNodes.first ?? nodeCount
            note(2 * id + 1, run(scalars.reversed()))
        }
    }
}
