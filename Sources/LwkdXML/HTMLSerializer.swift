/// Writes ``HTMLNode`` trees back as HTML5 or XHTML text.
public enum HTMLSerializer {
    /// Serialisation rules.
    public enum Flavor: Sendable {
        /// HTML5: void elements as `<br>`, `script`/`style` content raw.
        case html
        /// XHTML: well-formed XML, void elements as `<br />`, everything escaped.
        case xhtml
    }

    /// Elements with no end tag (HTML Living Standard §13.1.2).
    public static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ]

    /// Serialises nodes.
    public static func serialize(_ nodes: [HTMLNode], flavor: Flavor = .html) -> String {
        var out = ""
        for node in nodes { write(node, flavor: flavor, rawText: false, into: &out) }
        return out
    }

    /// Appends the serialisation of `element` to `out` (no copy of the whole text after).
    public static func serialize(
        _ element: HTMLElement, flavor: Flavor = .html, into out: inout String
    ) {
        write(.element(element), flavor: flavor, rawText: false, into: &out)
    }

    /// Serialises one element and its content.
    public static func serialize(_ element: HTMLElement, flavor: Flavor = .html) -> String {
        serialize([.element(element)], flavor: flavor)
    }

    /// The start tag alone, `<a href="…">` (`<br />` for a void element in XHTML).
    public static func startTag(_ element: HTMLElement, flavor: Flavor = .html) -> String {
        var out = "<" + element.name
        for attribute in element.attributes {
            out += " " + attribute.name + "=\"" + escape(attribute.value, quotes: true) + "\""
        }
        if flavor == .xhtml, voidElements.contains(element.name) { return out + " />" }
        return out + ">"
    }

    private static func write(
        _ node: HTMLNode, flavor: Flavor, rawText: Bool, into out: inout String
    ) {
        switch node {
        case .text(let text):
            out += rawText ? text : escape(text, quotes: false)
        case .comment(let text):
            out += comment(text)
        case .element(let element):
            out += startTag(element, flavor: flavor)
            if voidElements.contains(element.name) { return }
            let isRaw = flavor == .html && (element.name == "script" || element.name == "style")
            for child in element.children {
                write(child, flavor: flavor, rawText: isRaw, into: &out)
            }
            out += "</" + element.name + ">"
        }
    }

    /// A comment as written: XML 1.0 §2.5 allows no "--" inside one and none ending in "-".
    public static func comment(_ text: String) -> String {
        var body = text.replacingDoubleHyphens()
        if body.hasSuffix("-") { body += " " }
        return "<!--" + body + "-->"
    }

    /// Escapes `&`, `<`, `>` (and `"` in attributes); drops control characters XML forbids.
    public static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\u{A0}": out += "&#160;"
            default:
                if c.value < 32, c != "\t", c != "\n", c != "\r" { continue }
                if (0xFFFE...0xFFFF).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingDoubleHyphens() -> String {
        var out = ""
        for c in self {
            if c == "-", out.hasSuffix("-") { out += " " }
            out.append(c)
        }
        return out
    }
}
