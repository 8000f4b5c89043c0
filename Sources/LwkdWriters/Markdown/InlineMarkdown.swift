import LwkdModel

/// Renders inlines as Markdown, escaping only what would otherwise be read as markup.
///
/// Paragraph text goes straight into the writer's ``TextLayout``, which adds the line prefixes:
/// a soft break ends the open line and a hard break ends it after a `\\`.
enum InlineMarkdown {
    enum Context {
        /// Paragraphs and setext heading lines: a line start may look like a block marker.
        case paragraph
        /// ATX heading text: a trailing `#` run would be read as the closing sequence.
        case atxHeading
        /// GFM table cell: `|` ends the cell, even inside code.
        case tableCell
    }

    /// Writes paragraph inlines into `layout`'s open line; the caller ends the last line.
    ///
    /// Inlines with emphasis are written into a scratch layout first and checked (see
    /// ``checked(_:context:)``); the paragraph starts at the start of a line, so its lines are
    /// the same there, and are copied over.
    static func write(
        _ inlines: [Inline], into layout: inout TextLayout, allowance: inout SearchAllowance
    ) {
        guard hasDelimiters(inlines) else {
            var state = State(context: .paragraph)
            swap(&state.layout, &layout)
            state.write(inlines, inLinkText: false, parent: nil)
            swap(&state.layout, &layout)
            return
        }
        let state = checked(inlines, context: .paragraph, allowance: &allowance)
        let text = Array((state.layout.out + state.layout.openLine).utf8)
        var start = 0
        for end in state.check.breaks {
            layout.append(String(decoding: text[start..<end], as: UTF8.self))
            layout.newline()
            start = end + 1
        }
        layout.append(String(decoding: text[start...], as: UTF8.self))
    }

    /// The inlines as one piece of Markdown text for an ATX heading or a table cell.
    static func render(
        _ inlines: [Inline], context: Context, allowance: inout SearchAllowance
    ) -> String {
        var state = State(context: context)
        if hasDelimiters(inlines) {
            state = checked(inlines, context: context, allowance: &allowance)
        } else {
            state.write(inlines, inLinkText: false, parent: nil)
        }
        let text = state.layout.out + state.layout.openLine
        return context == .atxHeading ? escapingTrailingHashes(text) : text
    }

    /// A closing-sequence-like run of `#` at the end of heading text, escaped.
    private static func escapingTrailingHashes(_ text: String) -> String {
        guard text.hasSuffix("#") else { return text }
        var scalars = Array(text.unicodeScalars)
        var i = scalars.count - 1
        while i > 0, scalars[i - 1] == "#" { i -= 1 }
        if i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "\t" {
            scalars.insert("\\", at: i)
            return String(String.UnicodeScalarView(scalars))
        }
        return text
    }

    struct State {
        let context: Context
        /// Where the text goes: the writer's layout for a paragraph, else a scratch one.
        var layout = TextLayout(width: nil)

        /// The record of what was written, for ``InlineMarkdown/checked(_:context:)``.
        var check = DelimiterCheckRecord()

        /// The delimiters of the emphasis being written, innermost last.
        var emphasisDelimiters: [String] = []

        /// The character of the emphasis or strong delimiter run written last, while nothing
        /// else has followed it: a sibling's opening run of the same character would join it.
        var closedDelimiter: Character?

        /// The emphasis and strong runs open in the current link text or block, outermost
        /// first, in the canonical rendering (``DelimiterCheckRecord/canonical``): the
        /// delimiter character, with the high bit set for strong.
        var canonicalRuns: [UInt8] = []

        /// True while text of the canonical rendering is written: every `_` is escaped.
        var everyUnderscore = false

        /// True where a block marker could start (paragraph text at a line start).
        var atLineStart: Bool { context == .paragraph && layout.isAtLineStart }

        mutating func write(_ inlines: [Inline], inLinkText: Bool, parent: Inline?) {
            for (index, inline) in inlines.enumerated() {
                let next = index + 1 < inlines.count ? inlines[index + 1] : nil
                let previous = index > 0 ? inlines[index - 1] : nil
                let touching = closedDelimiter
                closedDelimiter = nil
                switch inline {
                case .text(let text):
                    let id = check.textCount
                    check.textCount += 1
                    let inCanonical = check.isInCanonicalGroup
                    if check.isOn, !inCanonical {
                        check.noteEdges(
                            of: text, id: id, after: previous ?? (index == 0 ? parent : nil),
                            before: next ?? (index == inlines.count - 1 ? parent : nil))
                    }
                    let isJoined =
                        check.joined.contains(2 * id) || check.joined.contains(2 * id + 1)
                    // Between groups, the edges next to a group written canonically.
                    let canonicalHead = check.isCanonical(after: previous)
                    let canonicalTail = check.isCanonical(before: next)
                    if inCanonical || (check.references && !isJoined) {
                        writeCanonical(
                            text, inLinkText: inLinkText, next: next, previous: previous,
                            first: index == 0 ? parent : nil,
                            last: index == inlines.count - 1 ? parent : nil)
                    } else if !isJoined, canonicalHead || canonicalTail {
                        writeCanonical(
                            text, inLinkText: inLinkText, next: next, previous: previous,
                            first: nil, last: nil, head: canonicalHead, tail: canonicalTail)
                    } else if check.joined.contains(2 * id) || check.joined.contains(2 * id + 1) {
                        writeJoining(
                            text, id: id, inLinkText: inLinkText, next: next, previous: previous)
                    } else {
                        writeText(text, inLinkText: inLinkText, next: next, previous: previous)
                    }
                case .code(let text):
                    writeCode(text)
                case .emphasis(let content):
                    // `_` where `*` would touch another `*` delimiter and be misread
                    // (CommonMark's rule of three), if `_` can open and close here.
                    let nested =
                        parent.map {
                            if case .strong = $0 {
                                true
                            } else if case .emphasis = $0 {
                                true
                            } else {
                                false
                            }
                        } ?? false
                    let adjacent =
                        startsWithStar(content) || endsWithStar(content) || isEmphasis(next)
                    var delimiter =
                        (nested || adjacent) && !isWordChar(before: previous)
                            && !isWordChar(after: next) ? "_" : "*"
                    // Emphasis directly in emphasis with the same delimiter (`__foo__`) reads
                    // back as strong: take the other one (`_*foo*_`). `_` only where it can
                    // open and close (no letter or digit next to it); inside a word, `*` runs
                    // resolve by CommonMark's rule of three (`*b*****y******`).
                    if case .emphasis? = parent, emphasisDelimiters.last == delimiter {
                        if delimiter == "_" {
                            delimiter = "*"
                        } else if !isWordChar(before: previous), !isWordChar(after: next) {
                            delimiter = "_"
                        }
                    }
                    delimiter = separated(delimiter, from: touching, previous: previous, next: next)
                    if check.opensCanonically {
                        delimiter = canonicalDelimiter(
                            length: 1, touching: touching, parent: parent,
                            first: index == 0, last: index == inlines.count - 1,
                            content: content, previous: previous)
                    }
                    let id = check.open(nodes: 1, delimiter: &delimiter, after: previous)
                    delimit(delimiter, node: id, opens: true)
                    emphasisDelimiters.append(delimiter)
                    canonicalRuns.append(delimiter.utf8.first ?? 0)
                    write(content, inLinkText: inLinkText, parent: inline)
                    canonicalRuns.removeLast()
                    emphasisDelimiters.removeLast()
                    delimit(delimiter, node: id, opens: false)
                    check.close(id)
                    closedDelimiter = delimiter.first
                case .strong(let content):
                    let nested =
                        parent.map { if case .strong = $0 { true } else { false } } ?? false
                    var delimiter = separated(
                        (nested || isEmphasis(next)) && !isWordChar(before: previous)
                            && !isWordChar(after: next)
                            ? "__" : "**",
                        from: touching, previous: previous, next: next)
                    // Strong directly in strong (`foo******bar******`): one run of the same
                    // character opens them all; `**__bar__**` after a letter opens none.
                    var depth = 1
                    var inner = content
                    let canonical = check.opensCanonically
                    while !canonical, inner.count == 1, case .strong(let deeper) = inner[0] {
                        depth += 1
                        inner = deeper
                    }
                    if canonical {
                        delimiter = canonicalDelimiter(
                            length: 2, touching: touching, parent: parent,
                            first: index == 0, last: index == inlines.count - 1,
                            content: inner, previous: previous)
                    }
                    let id = check.open(nodes: depth, delimiter: &delimiter, after: previous)
                    for level in 0..<depth { delimit(delimiter, node: id + level, opens: true) }
                    canonicalRuns.append((delimiter.utf8.first ?? 0) | 0x80)
                    write(inner, inLinkText: inLinkText, parent: .strong(content: inner))
                    canonicalRuns.removeLast()
                    for level in (0..<depth).reversed() {
                        delimit(delimiter, node: id + level, opens: false)
                    }
                    check.close(id)
                    closedDelimiter = delimiter.first
                case .strikethrough(let content):
                    var delimiter = "~~"
                    let id = check.open(nodes: 1, delimiter: &delimiter, after: previous)
                    delimit(delimiter, node: id, opens: true)
                    write(content, inLinkText: inLinkText, parent: inline)
                    delimit(delimiter, node: id, opens: false)
                    check.close(id)
                case .link(let link, let content):
                    writeLink(link, content)
                case .image(let image, let content):
                    emit("![")
                    let scope = check.enterScope()
                    let runs = canonicalRuns
                    canonicalRuns = []
                    write(content, inLinkText: true, parent: inline)
                    canonicalRuns = runs
                    check.scope = scope
                    emit("](" + destination(image.source) + title(image.title) + ")")
                case .softBreak:
                    newline()
                case .hardBreak:
                    layout.append("\\")
                    newline()
                case .rawInline(_, let text):
                    emit(text)
                }
            }
        }

        private mutating func emit(_ text: String) {
            layout.append(context == .tableCell ? text.replacingPipes() : text)
        }

        /// The byte offset of the next character written.
        private var offset: Int { layout.out.utf8.count + layout.openLine.utf8.count }

        /// Writes a delimiter run of `node`, marking it for the check.
        private mutating func delimit(_ text: String, node: Int, opens: Bool) {
            if check.isOn {
                check.marks.append(
                    DelimiterMark(
                        offset: offset, count: text.utf8.count, char: text.utf8.first ?? 0,
                        node: node, opens: opens, scope: check.scope))
            }
            emit(text)
        }

        private mutating func newline() {
            if check.isOn { check.breaks.append(offset) }
            layout.newline()
        }

        /// Writes text number `id` with its first or last `*`, `_` or `~` unescaped, to join
        /// the delimiter run next to it (where it is left over as text, as in the source:
        /// `___=_*n*_`), or to leave the run's flanking as it was (`~` is transparent to it).
        private mutating func writeJoining(
            _ text: String, id: Int, inLinkText: Bool, next: Inline?, previous: Inline?
        ) {
            var body = Substring(text).unicodeScalars
            // A `~` edge joins with the whole run of `~` it ends (`b~~~**y`): cmark-gfm looks
            // through every `~` before or after a run for its flanking, and stops at the `\`
            // of an escaped one. A run of three or more is text, not strikethrough, but must
            // not start a line (it would open a code fence).
            func edge(first: Bool, startsLine: Bool) -> [Unicode.Scalar] {
                guard let c = first ? body.first : body.last, DelimiterCheckRecord.joins(c) else {
                    return []
                }
                if c != "~" {
                    let edge = first ? 2 * id : 2 * id + 1
                    let same =
                        first
                        ? body.prefix { $0 == c }.count : body.reversed().prefix { $0 == c }.count
                    let count =
                        check.wholly.contains(edge)
                        ? same : check.doubled.contains(edge) ? min(2, same) : 1
                    let taken = Array(first ? body.prefix(count) : body.suffix(count))
                    if first { body.removeFirst(count) } else { body.removeLast(count) }
                    return taken
                }
                let run =
                    first
                    ? body.prefix { $0 == "~" }.count : body.reversed().prefix { $0 == "~" }.count
                let count = run >= 3 && startsLine && (first || body.count == run) ? 1 : run
                let taken = Array(first ? body.prefix(count) : body.suffix(count))
                if first { body.removeFirst(count) } else { body.removeLast(count) }
                return taken
            }
            let startsLine = layout.openLine.allSatisfy { $0 == " " }
            let head = check.joined.contains(2 * id) ? edge(first: true, startsLine: startsLine) : []
            let tail =
                check.joined.contains(2 * id + 1)
                ? edge(first: false, startsLine: startsLine && head.isEmpty) : []
            for c in head { literal(c, next: check.edgeGroups[2 * id] ?? 0) }
            if !body.isEmpty {
                writeText(
                    String(body), inLinkText: inLinkText,
                    next: tail.first.map { .text(text: String($0)) } ?? next,
                    previous: head.last.map { .text(text: String($0)) } ?? previous)
            }
            for c in tail { literal(c, next: check.edgeGroups[2 * id + 1] ?? 0) }
        }

        // MARK: - The canonical rendering

        /// The delimiter of an emphasis (`length` 1) or strong (2) node in the canonical
        /// rendering: not the character of a run it would touch (the closing run of the sibling
        /// before it, `touching`, or its parent's runs when it is the `first` or `last` child),
        /// so no two runs join; and, where that leaves a choice, not the character of an
        /// enclosing run of its length, so a run of it that can both open and close (punctuation
        /// on both sides) finds no opener of its own kind to close before its own closer.
        mutating func canonicalDelimiter(
            length: Int, touching: Character?, parent: Inline?, first: Bool, last: Bool,
            content: [Inline], previous: Inline?
        ) -> String {
            var taken: Set<UInt8> = []
            if let touching, let c = touching.asciiValue { taken.insert(c) }
            switch parent {
            case .emphasis?, .strong?:
                if first || last, let outer = canonicalRuns.last { taken.insert(outer & 0x7F) }
            default: break
            }
            let kind: UInt8 = length == 2 ? 0x80 : 0
            if check.joinsOpeners, length == 1, case .emphasis? = parent, first, !last,
                let outer = canonicalRuns.last, outer & 0x80 == 0, touching == nil
            {
                return String(Character(Unicode.Scalar(outer)))
            }
            let choices = [UInt8(ascii: "*"), UInt8(ascii: "_")].filter { !taken.contains($0) }
            // Punctuation after the opening run (a reference for a space, another run) and none
            // of a space before it: the run can both open and close, and would close an
            // enclosing run of its kind.
            let punctuationAfter: Bool =
                switch content.first {
                case .text(let text)?:
                    text.unicodeScalars.first.map {
                        DelimiterRuns.isPunctuation($0) || DelimiterRuns.isSpace($0)
                    } ?? true
                default: true
                }
            let spaceBefore: Bool =
                switch previous {
                case .text(let text)?:
                    text.unicodeScalars.last.map { DelimiterRuns.isSpace($0) } ?? false
                case .softBreak?, .hardBreak?: true
                case nil: parent == nil
                default: false
                }
            let char: UInt8?
            if !check.keepsNearest {
                char = choices.first { !canonicalRuns.contains($0 | kind) }
            } else if punctuationAfter && !spaceBefore {
                char = choices.first { !canonicalRuns.contains($0 | kind) }
            } else {
                // It can only open: its character is free, and the enclosing one of its kind
                // leaves the other for a run below that can also close.
                let nearest = canonicalRuns.last { $0 & 0x80 == kind }.map { $0 & 0x7F }
                char = choices.first { $0 == nearest }
            }
            let chosen = char ?? choices.first ?? UInt8(ascii: "*")
            return String(repeating: Character(Unicode.Scalar(chosen)), count: length)
        }

        /// Writes text in the canonical rendering, with references at the runs' edges.
        ///
        /// A letter (any character the parser takes for neither space nor punctuation) just
        /// outside an emphasis, strong or strikethrough run, and a space just inside one, are
        /// written as numeric character references. The reference
        /// reads back as the same text (the reader merges adjacent text), but its `&` and `;`
        /// are punctuation, so the run next to it opens (or closes) whatever is inside it:
        /// `a*.b*` cannot open, `&#97;*.b*` can; `* a*` cannot, `*&#32;a*` can.
        private mutating func writeCanonical(
            _ text: String, inLinkText: Bool, next: Inline?, previous: Inline?,
            first: Inline?, last: Inline?, head allowHead: Bool = true,
            tail allowTail: Bool = true
        ) {
            func isRun(_ inline: Inline?) -> Bool {
                switch inline {
                case .emphasis?, .strong?, .strikethrough?: true
                default: false
                }
            }
            // Inside a run a letter is what it should see (`*a`, `a*`), a space what it must not;
            // outside, a space or punctuation.
            func asReference(_ c: Unicode.Scalar?, inside: Bool) -> Bool {
                guard let c, !DelimiterRuns.isPunctuation(c) else { return false }
                return inside == DelimiterRuns.isSpace(c)
            }
            everyUnderscore = true
            defer { everyUnderscore = false }
            var body = Substring(text).unicodeScalars
            let head =
                allowHead && (isRun(previous) || isRun(first))
                && asReference(body.first, inside: isRun(first))
            let tail =
                allowTail && (isRun(next) || isRun(last))
                && asReference(body.last, inside: isRun(last))
            guard head || tail else {
                writeText(text, inLinkText: inLinkText, next: next, previous: previous)
                return
            }
            if head, let c = body.first {
                emit("&#\(c.value);")
                body.removeFirst()
            }
            var end = ""
            if tail, let c = body.last {
                end = "&#\(c.value);"
                body.removeLast()
            }
            if !body.isEmpty {
                writeText(
                    String(body), inLinkText: inLinkText,
                    next: tail ? .text(text: ";") : next,
                    previous: head ? .text(text: ";") : previous)
            }
            emit(end)
        }

        /// Writes a literal `*`, `_` or `~` unescaped, marked as a literal next to `node`.
        private mutating func literal(_ c: Unicode.Scalar, next node: Int) {
            if check.isOn {
                check.marks.append(
                    DelimiterMark(
                        offset: offset, count: 1, char: UInt8(truncatingIfNeeded: c.value),
                        node: node, isLiteral: true, opens: false, scope: check.scope))
            }
            emit(String(c))
        }

        // MARK: - Text

        private mutating func writeText(
            _ text: String, inLinkText: Bool, next: Inline?, previous: Inline?
        ) {
            if text.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
                // A line break inside text came from a character reference (`&#10;`); written
                // as itself it would end the line, or the paragraph.
                let parts = text.split(
                    omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                var rest = Substring(text)
                for (index, part) in parts.enumerated() {
                    if index > 0 {
                        let separator = rest.first
                        rest = rest.dropFirst()
                        emit(InlineMarkdown.lineEndingsAsReferences(separator.map(String.init) ?? ""))
                    }
                    rest = rest.dropFirst(part.count)
                    guard !part.isEmpty else { continue }
                    writeText(
                        String(part), inLinkText: inLinkText,
                        next: index == parts.count - 1 ? next : .text(text: "&"),
                        previous: index == 0 ? previous : .text(text: ";"))
                }
                return
            }
            if atLineStart {
                writeTextSlow(text, inLinkText: inLinkText, next: next)
                return
            }
            var copy = text
            let escaped: String? = copy.withUTF8 { b in
                // Fast path: most text has nothing to escape; every special character is ASCII.
                guard b.contains(where: { InlineMarkdown.isSpecial[Int($0)] }) else { return nil }
                return InlineMarkdown.escape(
                    b, context: context, inLinkText: inLinkText,
                    nextIsLink: { if case .link? = next { true } else { false } }(),
                    everyUnderscore: check.canonical || everyUnderscore)
            }
            layout.append(escaped ?? text)
        }

        private mutating func writeTextSlow(_ text: String, inLinkText: Bool, next: Inline?) {
            // Only the first few characters can look like a block marker (digits of an
            // ordered-list marker at most ten); the rest goes through the byte escaper.
            var head = String.UnicodeScalarView()
            var count = 0
            for c in text.unicodeScalars {
                head.append(c)
                count += 1
                if count == 12 { break }
            }
            let s = Array(head)
            var result = String.UnicodeScalarView()
            let i = escapeLineStart(s, into: &result)
            layout.append(String(result))
            var rest = String(text.unicodeScalars.dropFirst(i))
            let escaped: String = rest.withUTF8 { b in
                InlineMarkdown.escape(
                    b, context: context, inLinkText: inLinkText,
                    nextIsLink: { if case .link? = next { true } else { false } }(),
                    previousScalar: i > 0 ? s[i - 1] : nil, everyUnderscore: check.canonical || everyUnderscore)
            }
            layout.append(escaped)
        }

        /// Escapes what would start a block at the beginning of a paragraph line: ATX and setext
        /// heading markers, list markers, block quotes, table delimiter rows, leading spaces.
        private func escapeLineStart(
            _ s: [Unicode.Scalar], into result: inout String.UnicodeScalarView
        ) -> Int {
            guard let first = s.first else { return 0 }
            let after: Unicode.Scalar? = s.count > 1 ? s[1] : nil
            let spaceOrEnd = after == nil || after == " " || after == "\t"
            switch first {
            case "#", "+", "-", "=", ">", ":", "|":
                if first == "#" || first == ">" || ((first == "+" || first == "-") && spaceOrEnd)
                    || s.allSatisfy({ $0 == first || $0 == " " })
                    || (s.allSatisfy { "|-: \t".unicodeScalars.contains($0) } && s.contains("-"))
                {
                    result.append("\\")
                    result.append(first)
                    return 1
                }
            case " ", "\t":
                result.append(contentsOf: "&#\(first.value);".unicodeScalars)
                return 1
            default:
                if first.isASCIIDigit {
                    var j = 0
                    while j < s.count, j < 10, s[j].isASCIIDigit { j += 1 }
                    if j < s.count, s[j] == "." || s[j] == ")",
                        j + 1 == s.count || s[j + 1] == " " || s[j + 1] == "\t"
                    {
                        result.append(contentsOf: s[0..<j])
                        result.append("\\")
                        return j
                    }
                }
            }
            return 0
        }

        // MARK: - Code, links

        private mutating func writeCode(_ text: String) {
            var longest = 0
            var runs: Set<Int> = []
            var run = 0
            for c in text.unicodeScalars {
                if c == "`" {
                    run += 1
                } else {
                    if run > 0 { runs.insert(run) }
                    run = 0
                }
                longest = max(longest, run)
            }
            if run > 0 { runs.insert(run) }
            var width = 1
            while runs.contains(width) { width += 1 }
            let fence = String(repeating: "`", count: width)
            // CommonMark 6.1: one space is stripped from each side when both are spaces, so
            // pad when the content starts or ends with a backtick or is space-wrapped.
            let needsPad =
                text.hasPrefix("`") || text.hasSuffix("`")
                || (text.hasPrefix(" ") && text.hasSuffix(" ") && !text.allSatisfy { $0 == " " })
            emit(fence + (needsPad ? " " + text + " " : text) + fence)
        }

        private mutating func writeLink(_ link: Link, _ content: [Inline]) {
            if link.kind == .autolink, let auto = autolinkText(link, content) {
                emit("<" + auto + ">")
                return
            }
            emit("[")
            let scope = check.enterScope()
            let runs = canonicalRuns
            canonicalRuns = []
            write(content, inLinkText: true, parent: .link(link: link, content: []))
            canonicalRuns = runs
            check.scope = scope
            emit("](" + destination(link.destination) + title(link.title) + ")")
        }

        /// The `<…>` form when it reads back as the same link, else nil.
        private func autolinkText(_ link: Link, _ content: [Inline]) -> String? {
            guard content.count == 1, case .text(let text) = content[0] else { return nil }
            let safe = !text.unicodeScalars.contains {
                $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "&" || $0.value <= 32
            }
            guard safe else { return nil }
            if link.destination == text, URLText.hasScheme(text) { return text }
            if link.destination == "mailto:" + text, isEmailAutolink(text) { return text }
            return nil
        }

        private func isEmailAutolink(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
            let local = parts[0].unicodeScalars.allSatisfy {
                $0.isASCIIAlphanumeric || ".!#$%&'*+/=?^_`{|}~-".unicodeScalars.contains($0)
            }
            let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy
            { label in
                !label.isEmpty && label.count <= 63
                    && label.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
                    && !label.hasPrefix("-") && !label.hasSuffix("-")
            }
            return local && domain
        }

        private func destination(_ url: String) -> String {
            // Fast path: no spaces, controls, brackets, backslashes, ampersands or parentheses.
            if !url.isEmpty,
                !url.utf8.contains(where: {
                    $0 <= 32 || $0 == 60 || $0 == 62 || $0 == 92 || $0 == 38 || $0 == 40 || $0 == 41
                })
            {
                return url
            }
            var depth = 0
            var balanced = true
            var plain = !url.isEmpty
            for c in url.utf8 {
                if c == UInt8(ascii: "(") { depth += 1 }
                if c == UInt8(ascii: ")") {
                    depth -= 1
                    if depth < 0 { balanced = false }
                }
                if c <= 32 || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { plain = false }
            }
            if depth != 0 { balanced = false }
            // `<` and `>` only occur when the destination is bracketed, where they need escaping.
            let text = InlineMarkdown.backslashing(url, ampersands: true) { b, i in
                b[i] == UInt8(ascii: "\\") || b[i] == UInt8(ascii: "<") || b[i] == UInt8(ascii: ">")
            }
            // A line ending (read from `&#10;`) cannot stand in a destination.
            return plain && balanced ? text : "<" + InlineMarkdown.lineEndingsAsReferences(text) + ">"
        }

        private func title(_ title: String) -> String {
            guard !title.isEmpty else { return "" }
            let text = InlineMarkdown.backslashing(title, ampersands: true) { b, i in
                b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "\\")
            }
            // A blank line (`&#10;&#10;`) would end the paragraph the title is in.
            return " \"" + InlineMarkdown.lineEndingsAsReferences(text) + "\""
        }

        // MARK: - Flanking helpers

        /// `delimiter`, or the same run in the other character when it would directly follow a
        /// sibling's closing run of its character (`__a__` then `____b____` is one run of six)
        /// and the other character can open and close here (`_` not next to a letter).
        private func separated(
            _ delimiter: String, from touching: Character?, previous: Inline?, next: Inline?
        ) -> String {
            guard let touching, delimiter.first == touching else { return delimiter }
            if touching == "_" { return String(repeating: "*", count: delimiter.count) }
            guard !isWordChar(before: previous), !isWordChar(after: next) else { return delimiter }
            return String(repeating: "_", count: delimiter.count)
        }

        /// True for emphasis or strong: its opening run would touch the closing run before it,
        /// so `_` goes first where it can (`_=_*n*a`, not `*=**n*a`).
        private func isEmphasis(_ inline: Inline?) -> Bool {
            switch inline {
            case .strong?, .emphasis?: return true
            default: return false
            }
        }

        private func startsWithStar(_ content: [Inline]) -> Bool { isEmphasis(content.first) }

        private func endsWithStar(_ content: [Inline]) -> Bool { isEmphasis(content.last) }

        private func isWordChar(before inline: Inline?) -> Bool {
            if case .text(let t)? = inline, let c = t.unicodeScalars.last {
                return c.isAlphanumericScalar
            }
            return false
        }

        private func isWordChar(after inline: Inline?) -> Bool {
            if case .text(let t)? = inline, let c = t.unicodeScalars.first {
                return c.isAlphanumericScalar
            }
            return false
        }
    }
}
