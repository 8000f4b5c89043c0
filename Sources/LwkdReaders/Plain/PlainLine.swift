/// One source line of a plain-text post, classified by its shape alone.
struct PlainLine {
    /// What the line looks like.
    enum Kind: Equatable {
        case blank
        /// Only one repeated character (`===`, `---`, `~~~`), at least three.
        case rule(Character)
        /// `* * *` or `___`: a thematic break.
        case thematicBreak
        /// `- item`, `* item`, `• item`.
        case bullet
        /// `1. item` or `1) item`.
        case ordered(number: Int, delimiter: Character)
        /// `[12] https://…`, a numbered reference as the plain writer lists them.
        case reference(number: Int, url: String)
        /// `> quoted`.
        case quote
        /// Anything else.
        case text
    }

    /// The 1-based line number in the file.
    var number: Int
    /// The line as written.
    var raw: Substring
    /// Leading spaces (a tab counts four).
    var indent: Int
    /// The text after the indent, trailing spaces removed.
    var text: Substring
    /// The classification.
    var kind: Kind
    /// For list items: the width of the marker and its space (`- ` is 2, `10. ` is 4).
    var markerWidth = 0

    init(number: Int, raw: Substring) {
        self.number = number
        self.raw = raw
        var indent = 0
        var rest = raw
        while let c = rest.first, c == " " || c == "\t" {
            indent += c == "\t" ? 4 : 1
            rest.removeFirst()
        }
        while let c = rest.last, c == " " || c == "\t" || c == "\r" { rest.removeLast() }
        self.indent = indent
        self.text = rest
        self.kind = .blank
        self.kind = classify()
    }

    /// The same line with `columns` less indent (never below zero).
    func dedented(by columns: Int) -> PlainLine {
        var copy = self
        copy.indent = max(0, indent - columns)
        return copy
    }

    /// The text after a list marker, or the whole text.
    var content: Substring {
        switch kind {
        case .bullet, .ordered: return text.dropFirst(markerWidth).drop { $0 == " " }
        default: return text
        }
    }

    var isBlank: Bool { kind == .blank }

    var isListItem: Bool {
        switch kind {
        case .bullet, .ordered: return true
        default: return false
        }
    }

    private mutating func classify() -> Kind {
        guard let first = text.first else { return .blank }
        if text.count >= 3, text.allSatisfy({ $0 == first }), "=-~^\"#*_+".contains(first) {
            return first == "*" || first == "_" ? .thematicBreak : .rule(first)
        }
        if text.count >= 5,
            text.allSatisfy({ $0 == "*" || $0 == " " })
                || text.allSatisfy({ $0 == "-" || $0 == " " })
        {
            return .thematicBreak
        }
        if "-*•+–".contains(first), text.dropFirst().first == " ", text.count > 2 {
            markerWidth = 2
            return .bullet
        }
        if first == ">" { return .quote }
        if first.isASCII, first.isNumber, let kind = orderedMarker() { return kind }
        if first == "[", let kind = referenceLine() { return kind }
        return .text
    }

    private mutating func orderedMarker() -> Kind? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard digits.count <= 3, let number = Int(digits) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let delimiter = rest.first, delimiter == "." || delimiter == ")",
            rest.dropFirst().first == " ", rest.count > 2
        else { return nil }
        markerWidth = digits.count + 2
        return .ordered(number: number, delimiter: delimiter)
    }

    private func referenceLine() -> Kind? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let digits = text[text.index(after: text.startIndex)..<close]
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits)
        else { return nil }
        let rest = text[text.index(after: close)...]
        guard rest.first == " " else { return nil }
        let url = rest.drop { $0 == " " }
        guard !url.isEmpty, !url.contains(" "), BareURL.hasScheme(url) else { return nil }
        return .reference(number: number, url: String(url))
    }
}
