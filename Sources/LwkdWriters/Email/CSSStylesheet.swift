/// A stylesheet reduced to what an e-mail inliner can apply: rules with simple selectors
/// (element, `.class`, `#id`, `*`, descendant and child combinators), plus the `@media`
/// blocks, which stay in a `<style>` element for the clients that honour them.
public struct CSSStylesheet: Sendable {
    /// One `property: value` pair, `!important` or not.
    public struct Declaration: Hashable, Sendable {
        /// The property name, lowercase.
        public var property: String
        /// The value, trimmed, without `!important`.
        public var value: String
        /// True for `!important`.
        public var isImportant: Bool
    }

    struct Compound: Hashable, Sendable {
        var element: String?
        var classes: [String] = []
        var id: String?
    }

    struct Selector: Hashable, Sendable {
        /// Compounds left to right; `isChild[i]` is true when compound i+1 is a child of i.
        var compounds: [Compound]
        var isChild: [Bool]
        var specificity: Int
    }

    struct Rule: Sendable {
        var selector: Selector
        var declarations: [Declaration]
        var order: Int
        /// The selector as written, for rules kept in the `<style>` block.
        var selectorText: String = ""
    }

    var rules: [Rule] = []
    /// `@media` blocks, verbatim.
    var mediaBlocks: [String] = []
    /// Selectors that cannot be inlined (pseudo-classes, attributes, siblings).
    public internal(set) var skippedSelectors: [String] = []

    /// Parses a stylesheet; what cannot be inlined is skipped (and listed in
    /// ``skippedSelectors``), never an error.
    public init(parsing css: String) {
        let text = CSSStylesheet.strippingComments(css)
        var index = text.startIndex
        var order = 0
        while index < text.endIndex {
            guard let open = text[index...].firstIndex(of: "{") else { break }
            let prelude = text[index..<open].trimmed
            let close = CSSStylesheet.matchingBrace(in: text, from: open)
            let body = text[text.index(after: open)..<close]
            index = close < text.endIndex ? text.index(after: close) : close
            if prelude.hasPrefix("@") {
                if prelude.lowercased().hasPrefix("@media") {
                    mediaBlocks.append(prelude + " {" + body + "}")
                }
                continue
            }
            let declarations = CSSStylesheet.declarations(in: String(body))
            for part in prelude.split(separator: ",") {
                let selectorText = part.trimmed
                guard let selector = CSSStylesheet.selector(selectorText) else {
                    if !selectorText.isEmpty { skippedSelectors.append(selectorText) }
                    continue
                }
                rules.append(
                    Rule(
                        selector: selector, declarations: declarations, order: order,
                        selectorText: selectorText))
                order += 1
            }
        }
    }

    /// Parses `prop: value; …` (also used for existing `style` attributes).
    public static func declarations(in text: String) -> [Declaration] {
        var out: [Declaration] = []
        for part in splitOutsideQuotes(text, on: ";") {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let property = part[..<colon].trimmed.lowercased()
            var value = part[part.index(after: colon)...].trimmed
            var isImportant = false
            if value.lowercased().hasSuffix("!important") {
                value = String(value.dropLast("!important".count)).trimmed
                isImportant = true
            }
            guard !property.isEmpty, !value.isEmpty else { continue }
            out.append(Declaration(property: property, value: value, isImportant: isImportant))
        }
        return out
    }

    private static func selector(_ text: String) -> Selector? {
        var compounds: [Compound] = []
        var isChild: [Bool] = []
        var pendingChild = false
        var specificity = 0
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if token == ">" {
                guard !compounds.isEmpty, !pendingChild else { return nil }
                pendingChild = true
                continue
            }
            guard let compound = self.compound(String(token)) else { return nil }
            if !compounds.isEmpty { isChild.append(pendingChild) }
            pendingChild = false
            compounds.append(compound)
            specificity +=
                (compound.id == nil ? 0 : 10_000) + compound.classes.count * 100
                + (compound.element == nil ? 0 : 1)
        }
        guard !compounds.isEmpty, !pendingChild else { return nil }
        return Selector(compounds: compounds, isChild: isChild, specificity: specificity)
    }

    private static func compound(_ token: String) -> Compound? {
        var compound = Compound()
        var current = ""
        var kind: Character = "e"
        func flush() -> Bool {
            switch kind {
            case "e":
                if !current.isEmpty, current != "*" { compound.element = current.lowercased() }
            case ".":
                guard !current.isEmpty else { return false }
                compound.classes.append(current)
            default:
                guard !current.isEmpty else { return false }
                compound.id = current
            }
            current = ""
            return true
        }
        for c in token {
            if c == "." || c == "#" {
                guard flush() else { return nil }
                kind = c
            } else if c.isLetter || c.isNumber || c == "-" || c == "_" || (c == "*" && kind == "e")
            {
                current.append(c)
            } else {
                return nil
            }
        }
        guard flush() else { return nil }
        return compound
    }

    private static func strippingComments(_ css: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(of: "/*") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    private static func matchingBrace(in text: String, from open: String.Index) -> String.Index {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    private static func splitOutsideQuotes(_ text: String, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var quote: Character?
        var depth = 0
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
            } else if c == separator, depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }
}

extension StringProtocol {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
