/// Where a long Markdown body may be cut into pieces that cmark-gfm parses one at a time.
///
/// cmark-gfm holds the whole tree of what it parses, about 20 bytes for each byte of LWKD
/// Markdown (issue 15: a 50 MB post took 1.3 GB before any writer ran, the bound for the whole
/// run is 30 MB + 20 bytes a byte). Parsed a piece at a time, and each piece's tree freed as it
/// is converted, only one piece's tree is alive.
///
/// A cut is made only where the pieces parse exactly as the whole: before an ATX heading at
/// column 0 that follows a blank line, outside any fenced code block or HTML block. There every
/// open block has ended: a paragraph, table, HTML block of kinds 6 and 7 and indented code end
/// at the blank line, and a list item, block quote or fenced code inside them ends at a
/// non-blank line with no indentation and no `>` (after a blank line no line is a lazy
/// continuation). What crosses blocks is the reference definitions: a body holding `]:`
/// anywhere is not cut at all. The scan follows top-level fenced code and HTML blocks of kinds
/// 1 to 5 (which run past blank lines); where it cannot tell what a line opens (a fence or an
/// HTML start indented one to three spaces, which may sit in a list item, or inside what may be
/// an HTML block), it makes no more cuts.
public enum MarkdownPieces {
    /// Bodies up to this size are parsed whole: pieces only pay on long posts.
    public static let defaultSize = 512 * 1024

    /// The first line (0-based, an index of `lineStarts`) of each piece after the first, so that
    /// every piece is at least `size` bytes.
    static func cuts(_ body: [UInt8], lineStarts: [Int], size: Int) -> [Int] {
        guard body.count > size, body.firstRange(of: Array("]:".utf8)) == nil else { return [] }
        var scan = Scan(body: body)
        var cuts: [Int] = []
        var pieceStart = 0
        var previousBlank = false
        for line in lineStarts.indices {
            let start = lineStarts[line]
            var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : body.count
            while end > start, body[end - 1] == 10 || body[end - 1] == 13 { end -= 1 }
            if scan.isTop, previousBlank, start - pieceStart >= size, scan.isATXHeading(start, end)
            {
                cuts.append(line)
                pieceStart = start
            }
            previousBlank = scan.line(start, end)
            if scan.isLost { break }
        }
        return cuts
    }

    /// The scan's state: what the last line left open.
    private struct Scan {
        let body: [UInt8]
        enum State {
            case top
            /// A fenced code block opened by `count` of `char`.
            case fence(char: UInt8, count: Int)
            /// An HTML block of kinds 1 to 5, ended by a line holding one of `ends`.
            case html(ends: [[UInt8]])
            /// An HTML block of kind 6 or 7, or a paragraph starting with a tag: ends at a
            /// blank line.
            case tagLines
            /// A line the scan cannot place: no more cuts.
            case lost
        }
        var state = State.top

        var isTop: Bool { if case .top = state { true } else { false } }
        var isLost: Bool { if case .lost = state { true } else { false } }

        /// Reads one line (without its line ending); true when it is blank.
        mutating func line(_ start: Int, _ end: Int) -> Bool {
            var first = start
            while first < end, body[first] == 32 { first += 1 }
            let blank = body[first..<end].allSatisfy { $0 == 32 || $0 == 9 }
            // A tab before the text indents it four columns or more.
            let indent = first < end && body[first] == 9 ? 4 : first - start
            switch state {
            case .lost:
                break
            case .fence(let char, let count):
                if indent <= 3, closesFence(first, end, char: char, count: count) { state = .top }
            case .html(let ends):
                if ends.contains(where: { contains($0, first, end) }) { state = .top }
            case .tagLines:
                if blank {
                    state = .top
                } else if indent <= 3, opensFence(first, end) != nil
                    || htmlEnds(first, end) != nil {
                    state = .lost
                }
            case .top:
                guard !blank, indent <= 3 else { break }
                if let (char, count) = opensFence(first, end) {
                    state = indent == 0 ? .fence(char: char, count: count) : .lost
                } else if let (ends, opening) = htmlEnds(first, end) {
                    if indent > 0 || ends.isEmpty {
                        state = .lost
                    } else if !closedOnItsLine(ends, from: first + opening, first, end) {
                        state = .html(ends: ends)
                    }
                } else if body[first] == UInt8(ascii: "<") {
                    state = indent == 0 ? .tagLines : .lost
                } else if (body[first] == UInt8(ascii: "`") || body[first] == UInt8(ascii: "~")),
                    run(first, end) >= 3
                {
                    // Three backticks with a backtick in the info string: not a fence, but a
                    // line the scan leaves to cmark.
                    state = .lost
                }
            }
            return blank
        }

        /// `# …` at column 0: one to six `#`, then a space, a tab or the line's end.
        func isATXHeading(_ start: Int, _ end: Int) -> Bool {
            var i = start
            while i < end, body[i] == UInt8(ascii: "#") { i += 1 }
            let count = i - start
            return count >= 1 && count <= 6 && (i == end || body[i] == 32 || body[i] == 9)
        }

        /// How many of the byte at `first` begin the line.
        private func run(_ first: Int, _ end: Int) -> Int {
            var i = first
            while i < end, body[i] == body[first] { i += 1 }
            return i - first
        }

        /// A fence opening: three or more backticks (with no backtick after them) or tildes.
        private func opensFence(_ first: Int, _ end: Int) -> (UInt8, Int)? {
            guard first < end else { return nil }
            let char = body[first]
            guard char == UInt8(ascii: "`") || char == UInt8(ascii: "~") else { return nil }
            let count = run(first, end)
            guard count >= 3 else { return nil }
            if char == UInt8(ascii: "`"), body[(first + count)..<end].contains(char) { return nil }
            return (char, count)
        }

        private func closesFence(_ first: Int, _ end: Int, char: UInt8, count: Int) -> Bool {
            guard first < end, body[first] == char else { return false }
            let length = run(first, end)
            return length >= count && body[(first + length)..<end].allSatisfy { $0 == 32 || $0 == 9 }
        }

        /// The end markers of an HTML block of kinds 1 to 5 starting at `first`, and the length
        /// of its opening; no markers for a start the scan will not follow (`<textarea`, which
        /// newer CommonMark adds to kind 1).
        private func htmlEnds(_ first: Int, _ end: Int) -> (ends: [[UInt8]], opening: Int)? {
            func starts(_ text: String, caseless: Bool = true) -> Bool {
                let bytes = Array(text.utf8)
                guard end - first >= bytes.count else { return false }
                for (i, b) in bytes.enumerated() {
                    let c = body[first + i]
                    if (caseless ? lower(c) : c) != b { return false }
                }
                return true
            }
            func tagEnds(_ length: Int) -> Bool {
                let at = first + length
                return at == end || body[at] == 32 || body[at] == 9 || body[at] == UInt8(ascii: ">")
            }
            guard first < end, body[first] == UInt8(ascii: "<") else { return nil }
            for tag in ["script", "pre", "style"] where starts("<" + tag) && tagEnds(tag.utf8.count + 1) {
                return (["</script>", "</pre>", "</style>"].map { Array($0.utf8) }, tag.utf8.count + 1)
            }
            if starts("<textarea") { return ([], 0) }
            if starts("<!--") { return ([Array("-->".utf8)], 4) }
            if starts("<?") { return ([Array("?>".utf8)], 2) }
            if starts("<![CDATA[", caseless: false) { return ([Array("]]>".utf8)], 9) }
            if end - first >= 3, body[first + 1] == UInt8(ascii: "!"),
                (65...90).contains(body[first + 2]) || (97...122).contains(body[first + 2])
            {
                return ([Array(">".utf8)], 2)
            }
            return nil
        }

        /// True when an end marker follows the opening on its own line. A marker that overlaps
        /// the opening (`<!-->`) makes the line one the scan does not place.
        private mutating func closedOnItsLine(
            _ ends: [[UInt8]], from after: Int, _ first: Int, _ end: Int
        ) -> Bool {
            if ends.contains(where: { contains($0, after, end) }) { return true }
            if ends.contains(where: { contains($0, first, end) }) { state = .lost }
            return false
        }

        private func lower(_ c: UInt8) -> UInt8 { (65...90).contains(c) ? c + 32 : c }

        /// True when `needle` occurs in `start..<end`, ASCII letters matched without case.
        private func contains(_ needle: [UInt8], _ start: Int, _ end: Int) -> Bool {
            guard end - start >= needle.count else { return false }
            for i in start...(end - needle.count) {
                var j = 0
                while j < needle.count, lower(body[i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            return false
        }
    }
}
