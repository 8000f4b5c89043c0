import LwkdXML

/// Raw HTML from a post, made fit for the web page: sanitised through the shared allowlist,
/// URLs made absolute, and the presentational attributes HTML5 made obsolete (`align`,
/// `valign`, `width` on anything but an image) turned into the CSS they meant, so the page
/// stays valid HTML and looks as the author wanted (`<p align="center">` is centred text).
struct WebRawHTML: Sendable {
    let sanitizer: HTMLSanitizer

    func convert(_ html: String, isBlock: Bool) -> String {
        guard isBlock else {
            // Markdown gives inline HTML one tag at a time; the sanitiser keeps lone tags.
            let tag = sanitizer.sanitize(html, isBlock: false).html
            guard tag.hasPrefix("<"), !tag.hasPrefix("</"), Self.hasObsolete(tag),
                case .element(let element)? = HTMLParser.parseFragment(tag).first
            else { return tag }
            return HTMLSerializer.startTag(Self.modernised(element), flavor: .html)
        }
        let (kept, _) = sanitizer.clean(HTMLParser.parseFragment(html))
        return HTMLSerializer.serialize(kept.map(Self.modernised), flavor: .html)
    }

    static func hasObsolete(_ tag: String) -> Bool {
        let lower = tag.lowercased()
        return [" align=", " valign=", " width=", " height="].contains { lower.contains($0) }
    }

    static func modernised(_ node: HTMLNode) -> HTMLNode {
        guard case .element(let element) = node else { return node }
        return .element(modernised(element))
    }

    /// `element` with its obsolete attributes as `style` declarations, its children too.
    static func modernised(_ element: HTMLElement) -> HTMLElement {
        var element = element
        var declarations: [String] = []
        element.attributes.removeAll { attribute in
            let value = attribute.value.trimmed.lowercased()
            guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "%" })
            else {
                return ["align", "valign"].contains(attribute.name)
                    || (element.name != "img" && ["width", "height"].contains(attribute.name))
            }
            switch (attribute.name, element.name) {
            case ("align", "img"):
                declarations.append(
                    ["left", "right"].contains(value)
                        ? "float: \(value)" : "vertical-align: \(value)")
            case ("align", "table"):
                if value == "center" {
                    declarations.append("margin-left: auto; margin-right: auto")
                }
                if ["left", "right"].contains(value) { declarations.append("float: \(value)") }
            case ("align", _): declarations.append("text-align: \(value)")
            case ("valign", _): declarations.append("vertical-align: \(value)")
            case ("width", let name) where name != "img", ("height", let name) where name != "img":
                let length = value.allSatisfy(\.isNumber) ? value + "px" : value
                declarations.append("\(attribute.name): \(length)")
            default: return false
            }
            return true
        }
        if !declarations.isEmpty {
            let own = element[attribute: "style"].map { $0.trimmed } ?? ""
            let style =
                (own.isEmpty || own.hasSuffix(";") ? own : own + ";")
                + (own.isEmpty ? "" : " ") + declarations.joined(separator: "; ")
            element.attributes.removeAll { $0.name == "style" }
            element.attributes.append(HTMLAttribute(name: "style", value: style))
        }
        element.children = element.children.map(modernised)
        return element
    }
}
