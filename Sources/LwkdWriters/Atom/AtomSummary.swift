import LwkdModel

/// The entry summary: the first real sentence(s) of a post.
///
/// jekyll-feed uses the first paragraph, which in most posts is the heading "Developer News".
/// Here headings are skipped, and so are paragraphs that are only a label ("**Next Deadline:
/// …**"), only images, or too short to be prose; in a paragraph copied from a rendered page
/// (no blank lines), leading title-like lines are skipped too.
enum AtomSummary {
    /// Sentences are added until the summary has at least this many characters.
    static let minimumLength = 120
    /// A longer first sentence is cut at a word boundary and ends with "…".
    static let maximumLength = 300

    /// The summary of `blocks`, or nil when there is no prose at all.
    static func text(of blocks: [Block]) -> String? {
        var result: String?
        forEachParagraph(in: blocks) { content in
            guard let prose = prose(of: content) else { return false }
            result = firstSentences(of: prose)
            return true
        }
        return result
    }

    /// Whole sentences from the start of `text`, at least ``minimumLength`` characters when the
    /// text has them, at most ``maximumLength``.
    static func firstSentences(of text: String) -> String {
        // Unicode scalars, not Characters: grapheme breaking a whole paragraph costs more than
        // the rest of the summary, and scalars are as good for finding sentence ends.
        let chars = Array(text.unicodeScalars)
        var end = 0
        for candidate in sentenceEnds(in: chars) {
            if candidate > maximumLength { break }
            end = candidate
            if end >= minimumLength { break }
        }
        if chars.count <= maximumLength, end < minimumLength { return text }
        if end > 0 { return string(chars[..<end]) }
        var cut = maximumLength - 1
        while cut > 0, chars[cut] != " " { cut -= 1 }
        if cut == 0 { cut = maximumLength - 1 }
        var head = chars[..<cut]
        while let last = head.last, ",;:-–— ".unicodeScalars.contains(last) { head.removeLast() }
        return string(head) + "…"
    }
}

private extension AtomSummary {
    /// Calls `visit` for each paragraph in document order until it returns true.
    @discardableResult
    static func forEachParagraph(in blocks: [Block], _ visit: ([Inline]) -> Bool) -> Bool {
        for block in blocks {
            switch block {
            case .paragraph(let content):
                if visit(content) { return true }
            case .bulletList(let list):
                for item in list.items where forEachParagraph(in: item.blocks, visit) {
                    return true
                }
            case .orderedList(let list):
                for item in list.items where forEachParagraph(in: item.blocks, visit) {
                    return true
                }
            case .blockQuote(let children):
                if forEachParagraph(in: children, visit) { return true }
            case .heading, .codeBlock, .thematicBreak, .rawBlock, .table:
                continue
            }
        }
        return false
    }

    /// The paragraph as one line of prose, or nil when it is not prose.
    static func prose(of content: [Inline]) -> String? {
        if isLabel(content) { return nil }
        var lines: [String] = [""]
        appendText(of: content, to: &lines)
        lines = lines.map(AtomText.collapsed).filter { !$0.isEmpty }
        // Text copied from a rendered page: "LWKD: Week Ending …", "Developer News", then prose.
        while lines.count > 1, isTitleLike(lines[0], before: lines[1]) { lines.removeFirst() }
        let text = lines.joined(separator: " ")
        let words = text.split(separator: " ")
        guard words.count >= 5, text.contains(where: \.isLetter) else { return nil }
        return text
    }

    /// Only strong or emphasised text (a label line such as "**Next Deadline: …**").
    static func isLabel(_ content: [Inline]) -> Bool {
        let visible = content.filter {
            if case .text(let t) = $0 { return !t.allSatisfy(\.isWhitespace) }
            return $0 != .softBreak && $0 != .hardBreak
        }
        return !visible.isEmpty
            && visible.allSatisfy {
                switch $0 {
                case .strong, .emphasis: true
                default: false
                }
            }
    }

    static func appendText(of content: [Inline], to lines: inout [String]) {
        for inline in content {
            switch inline {
            case .text(let text), .code(let text): lines[lines.count - 1] += text
            case .softBreak, .hardBreak: lines.append("")
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c):
                appendText(of: c, to: &lines)
            case .image, .rawInline: continue
            }
        }
    }

    static func isTitleLike(_ line: String, before next: String) -> Bool {
        guard let last = line.last, !".!?,;".contains(last) else { return false }
        guard line.split(separator: " ").count <= 8 else { return false }
        return next.first.map { $0.isUppercase || $0.isNumber } ?? false
    }

    /// The offsets just after each sentence (up to ``maximumLength``): `.`, `!` or `?` (and
    /// closing quotes) followed by a space and a capital, digit or opening quote; not after an
    /// abbreviation such as "e.g." or "vs.", nor inside a version such as "v1.18".
    static func sentenceEnds(in chars: [Unicode.Scalar]) -> [Int] {
        var ends: [Int] = []
        for i in chars.indices.prefix(maximumLength + 1)
        where ".!?".unicodeScalars.contains(chars[i]) {
            var j = i + 1
            while j < chars.count, "\"'”’)".unicodeScalars.contains(chars[j]) { j += 1 }
            guard j + 1 < chars.count, chars[j] == " " else { continue }
            let next = chars[j + 1]
            guard
                next.properties.isUppercase || ("0"..."9").contains(next)
                    || "\"'“‘(".unicodeScalars.contains(next)
            else { continue }
            if chars[i] == "." {
                var start = i
                while start > 0, chars[start - 1] != " " { start -= 1 }
                let word = string(chars[start..<i]).lowercased()
                if i - start == 1 || abbreviations.contains(word) { continue }
            }
            ends.append(j)
        }
        return ends
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static let abbreviations: Set = [
        "e.g", "i.e", "vs", "etc", "mr", "ms", "dr", "st", "approx", "cf", "no",
    ]
}
