import CCmarkGFM
/// One emphasis, strong or strikethrough delimiter the Markdown writer wrote, or a literal `*`,
/// `_` or `~` it left unescaped next to one.
struct DelimiterMark {
    /// Byte offset in the inline source (the text cmark's inline parser sees).
    var offset: Int
    /// Number of characters: 1 for emphasis, 2 for strong and strikethrough and a literal 1.
    var count: Int
    /// `*`, `_` or `~`.
    var char: UInt8
    /// The node the delimiter belongs to; for a literal, the node it is next to.
    var node: Int
    /// True for a literal character, which must stay text.
    var isLiteral = false
    /// True for the opening delimiter.
    var opens: Bool
    /// The link text or image description it is in (0 for the block's own inlines): cmark pairs
    /// the delimiters inside brackets on their own when the link closes.
    var scope: Int
}

/// The delimiter-run algorithm of cmark-gfm 0.29, run over the delimiters the writer wrote.
///
/// It checks that they pair as written; cmark-gfm is the parser the Markdown reader uses
/// (CommonMark 0.29 §6.2 and appendix A). It follows `inlines.c`: `scan_delims` for flanking
/// (with `~` transparent, as the strikethrough extension registers it), `process_emphasis` with
/// its `openers_bottom` bounds and the rule of three on the runs' original lengths,
/// `S_insert_emph` taking characters from the inner ends of the runs, and the strikethrough
/// extension's pairing of equal runs (checked against the reader by `DelimiterRunsTests`).
enum DelimiterRuns {
    /// A pair cmark makes: the first characters used of the opening and closing runs.
    struct Pair: Hashable {
        var opener: Int
        var closer: Int
        var count: Int
    }

    /// The nodes whose delimiters do not pair as written, and the nodes whose delimiters (or
    /// literals next to them) make a pair that was not written; empty when the Markdown reads
    /// back as written.
    static func misread(_ source: [UInt8], _ marks: [DelimiterMark]) -> Set<Int> {
        var opening: [Int: DelimiterMark] = [:]
        var expected: [Pair: Int] = [:]
        for mark in marks {
            guard !mark.isLiteral else { continue }
            if mark.opens {
                opening[mark.node] = mark
            } else if let open = opening[mark.node] {
                expected[Pair(opener: open.offset, closer: mark.offset, count: mark.count)] =
                    mark.node
            }
        }
        var found = Set<Pair>()
        var byScope: [Int: [DelimiterMark]] = [:]
        for mark in marks { byScope[mark.scope, default: []].append(mark) }
        for scope in byScope.values { found.formUnion(pairs(source, scope)) }
        var nodes = Set<Int>()
        for (pair, node) in expected where !found.contains(pair) { nodes.insert(node) }
        for pair in found where expected[pair] == nil {
            for offset in [pair.opener, pair.closer] {
                if let node = mark(at: offset, in: marks)?.node { nodes.insert(node) }
            }
        }
        return nodes
    }

    /// The mark holding the character at `offset` (marks are in source order).
    private static func mark(at offset: Int, in marks: [DelimiterMark]) -> DelimiterMark? {
        var low = 0
        var high = marks.count
        while low < high {
            let middle = (low + high) / 2
            if marks[middle].offset + marks[middle].count <= offset {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < marks.count && marks[low].offset <= offset ? marks[low] : nil
    }

    private struct Delimiter {
        var char: UInt8
        var canOpen: Bool
        var canClose: Bool
        /// The run's length as scanned, which the rule of three uses.
        var length: Int
        /// The offset of the first character not yet used from the front (as a closer).
        var start: Int
        /// Characters not yet used.
        var remaining: Int
        var previous: Int
        var next: Int
    }

    /// The pairs cmark makes of one scope's delimiters (in source order).
    static func pairs(_ source: [UInt8], _ marks: [DelimiterMark]) -> [Pair] {
        var delimiters: [Delimiter] = []
        var index = 0
        while index < marks.count {
            let first = marks[index]
            var end = first.offset + first.count
            index += 1
            while index < marks.count, marks[index].char == first.char, marks[index].offset == end {
                end += marks[index].count
                index += 1
            }
            let length = end - first.offset
            if first.char == UInt8(ascii: "~"), length > 2 { continue }  // text, not a run
            let (canOpen, canClose) = flanking(source, first.char, first.offset, end)
            guard canOpen || canClose else { continue }
            delimiters.append(
                Delimiter(
                    char: first.char, canOpen: canOpen, canClose: canClose, length: length,
                    start: first.offset, remaining: length, previous: delimiters.count - 1,
                    next: delimiters.count + 1))
        }
        guard !delimiters.isEmpty else { return [] }
        delimiters[delimiters.count - 1].next = -1
        return process(&delimiters)
    }

    /// `process_emphasis`, with -1 for the stack bottom.
    private static func process(_ d: inout [Delimiter]) -> [Pair] {
        var pairs: [Pair] = []
        var bottoms = [[Int]](repeating: [-1, -1, -1], count: 3)
        func slot(_ c: UInt8) -> Int { c == UInt8(ascii: "*") ? 0 : c == UInt8(ascii: "_") ? 1 : 2 }
        func remove(_ i: Int) {
            if d[i].next >= 0 { d[d[i].next].previous = d[i].previous }
            if d[i].previous >= 0 { d[d[i].previous].next = d[i].next }
        }
        var closer = 0
        while closer >= 0 {
            let c = d[closer]
            guard c.canClose else {
                closer = c.next
                continue
            }
            var opener = c.previous
            var found = false
            let bottom = bottoms[c.length % 3][slot(c.char)]
            while opener >= 0, opener != bottom {
                let o = d[opener]
                if o.canOpen, o.char == c.char,
                    !(c.canOpen || o.canClose) || c.length % 3 == 0
                        || (o.length + c.length) % 3 != 0
                {
                    found = true
                    break
                }
                opener = o.previous
            }
            let old = closer
            if !found {
                closer = c.next
                bottoms[c.length % 3][slot(c.char)] = c.previous
                if !c.canOpen { remove(old) }
            } else if c.char == UInt8(ascii: "~") {
                // The strikethrough extension: runs of one length pair, and every delimiter
                // from the opener to the closer goes; runs of two lengths are left as they are.
                closer = c.next
                if d[opener].remaining == c.remaining {
                    pairs.append(
                        Pair(opener: d[opener].start, closer: c.start, count: c.remaining))
                    var i = old
                    while i >= 0, i != opener {
                        let previous = d[i].previous
                        remove(i)
                        i = previous
                    }
                    remove(opener)
                }
            } else {
                let use = c.remaining >= 2 && d[opener].remaining >= 2 ? 2 : 1
                d[opener].remaining -= use
                pairs.append(
                    Pair(
                        opener: d[opener].start + d[opener].remaining, closer: c.start,
                        count: use))
                d[closer].start += use
                d[closer].remaining -= use
                var i = c.previous
                while i >= 0, i != opener {
                    let previous = d[i].previous
                    remove(i)
                    i = previous
                }
                if d[opener].remaining == 0 { remove(opener) }
                if d[closer].remaining == 0 {
                    closer = d[closer].next
                    remove(old)
                }
            }
        }
        return pairs
    }

    // MARK: - Flanking (`scan_delims`)

    /// Whether the run `source[start..<end]` of `char` can open and close emphasis.
    static func flanking(_ source: [UInt8], _ char: UInt8, _ start: Int, _ end: Int) -> (
        Bool, Bool
    ) {
        let before = scalar(before: start, in: source)
        let after = scalar(at: end, in: source)
        let spaceBefore = isSpace(before), spaceAfter = isSpace(after)
        let punctBefore = isPunctuation(before), punctAfter = isPunctuation(after)
        let left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore)
        let right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter)
        if char == UInt8(ascii: "_") {
            return (left && (!right || punctBefore), right && (!left || punctAfter))
        }
        return (left, right)
    }

    private static let tilde = UInt8(ascii: "~")

    /// The character before `index`, skipping `~`; a newline at the start.
    private static func scalar(before index: Int, in source: [UInt8]) -> Unicode.Scalar {
        guard index > 0 else { return "\n" }
        var i = index - 1
        while source[i] >> 6 == 2 || source[i] == tilde, i > 0 { i -= 1 }
        return decode(source, from: i, to: index)
    }

    /// The character at `index`, skipping `~`; a newline at the end.
    private static func scalar(at index: Int, in source: [UInt8]) -> Unicode.Scalar {
        var i = index
        while i < source.count, source[i] == tilde { i += 1 }
        return decode(source, from: i, to: source.count)
    }

    private static func decode(_ source: [UInt8], from: Int, to: Int) -> Unicode.Scalar {
        guard from < to else { return "\n" }
        var iterator = source[from..<to].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar != "~" else {
            return "\n"
        }
        return scalar
    }

    /// `cmark_utf8proc_is_space`, cmark-gfm's own (its Unicode tables, not Swift's).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        cmark_utf8proc_is_space(Int32(bitPattern: c.value)) != 0
    }

    /// `cmark_utf8proc_is_punctuation`, cmark-gfm's own: its Unicode version is older than
    /// Swift's, so a character Swift calls punctuation (U+061D) can be a letter to the parser.
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        cmark_utf8proc_is_punctuation(Int32(bitPattern: c.value)) != 0
    }
}
