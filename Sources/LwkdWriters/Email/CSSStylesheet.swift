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
            guard let open = CSSStylesheet.firstIndexOutsideStrings(of: "{", in: text, from: index)
            else { break }
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
            // A property is a CSS identifier; a value whose string or brackets are left open
            // is invalid (CSS drops it), and written back into a `style` it would swallow
            // the declarations after it.
            guard isIdentifier(property) else { continue }
            var value = part[part.index(after: colon)...].trimmed
            guard isBalanced(value) else { continue }
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

    /// The index just past the string that opens at `index` (a `"` or `'`): past its closing
    /// quote, or, for a string left open, at the newline or the end that ends it (CSS
    /// Syntax §4.3.5). A backslash escapes the character after it.
    private static func endOfString(
        in text: String, at index: String.Index
    ) -> (end: String.Index, isClosed: Bool) {
        let quote = text[index]
        var i = text.index(after: index)
        while i < text.endIndex {
            let c = text[i]
            if c == quote { return (text.index(after: i), true) }
            if c == "\n" || c == "\r\n" || c == "\r" || c == "\u{0C}" { return (i, false) }
            if c == "\\" {
                i = text.index(after: i)
                if i == text.endIndex { break }
            }
            i = text.index(after: i)
        }
        return (text.endIndex, false)
    }

    /// The first `target` from `start` on that is not inside a quoted string.
    private static func firstIndexOutsideStrings(
        of target: Character, in text: String, from start: String.Index
    ) -> String.Index? {
        var index = start
        while index < text.endIndex {
            let c = text[index]
            if c == target { return index }
            if c == "\"" || c == "'" {
                index = endOfString(in: text, at: index).end
            } else {
                if c == "\\" { index = text.index(after: index) }
                if index < text.endIndex { index = text.index(after: index) }
            }
        }
        return nil
    }

    /// The `}` that closes the block opened at `open`, braces inside strings not counted;
    /// the end of the text when the block is left open.
    private static func matchingBrace(in text: String, from open: String.Index) -> String.Index {
        var depth = 0
        var index = open
        let special: Set<Character> = ["{", "}", "\"", "'", "\\"]
        while let found = text[index...].firstIndex(where: special.contains) {
            switch text[found] {
            case "{":
                depth += 1
                index = text.index(after: found)
            case "}":
                depth -= 1
                if depth == 0 { return found }
                index = text.index(after: found)
            case "\\":
                index = text.index(after: found)
                if index < text.endIndex { index = text.index(after: index) }
            default:
                index = endOfString(in: text, at: found).end
            }
        }
        return text.endIndex
    }

    /// Splits at `separator` outside strings and brackets.
    private static func splitOutsideQuotes(_ text: String, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" || c == "'" {
                index = endOfString(in: text, at: index).end
                continue
            } else if c == "\\" {
                index = text.index(after: index)
                if index == text.endIndex { break }
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth = max(0, depth - 1)
            } else if c == separator, depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }

    /// A CSS identifier (`color`, `-webkit-text-size-adjust`, `--x`): letters, digits, `-`,
    /// `_` and non-ASCII, not starting with a digit or with `-` and a digit.
    static func isIdentifier(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return false }
        func isNameStart(_ u: Unicode.Scalar) -> Bool {
            (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || u == "_" || u.value >= 0x80
        }
        func isName(_ u: Unicode.Scalar) -> Bool {
            isNameStart(u) || (u >= "0" && u <= "9") || u == "-"
        }
        guard scalars.allSatisfy(isName) else { return false }
        if isNameStart(first) { return true }
        guard first == "-", scalars.count > 1 else { return false }
        return isNameStart(scalars[1]) || scalars[1] == "-"
    }

    /// Every string in `value` closed, every `(` and `[` closed in order, no `{` or `}`
    /// outside a string, and no backslash at the end.
    static func isBalanced(_ value: String) -> Bool {
        var open: [Character] = []
        var index = value.startIndex
        while index < value.endIndex {
            let c = value[index]
            switch c {
            case "\"", "'":
                let string = endOfString(in: value, at: index)
                guard string.isClosed else { return false }
                index = string.end
                continue
            case "\\":
                index = value.index(after: index)
                guard index < value.endIndex else { return false }
            case "(", "[": open.append(c)
            case ")": guard open.popLast() == "(" else { return false }
            case "]": guard open.popLast() == "[" else { return false }
            case "{", "}": return false
            default: break
            }
            index = value.index(after: index)
        }
        return open.isEmpty
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
