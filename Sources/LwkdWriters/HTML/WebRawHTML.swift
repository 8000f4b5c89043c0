import LwkdModel
import LwkdXML

/// Raw HTML from a post, made fit for the web page: URLs made absolute, and the
/// presentational attributes HTML5 made obsolete (`align`, `valign`, `width` on anything but
/// an image) turned into the CSS they meant, so the page stays valid HTML and looks as the
/// author wanted (`<p align="center">` is centred text).
///
/// Without ``sanitizes`` the author's markup is otherwise kept, scripts, event handlers and
/// their URLs too (the site's own page); with it, it goes through the shared allowlist first.
struct WebRawHTML: Sendable {
    let sanitizer: HTMLSanitizer
    /// True applies the sanitiser (`--sanitize`).
    var sanitizes = false

    func convert(_ html: String, isBlock: Bool) -> String {
        guard isBlock else {
            // Markdown gives inline HTML one tag at a time; the sanitiser keeps lone tags.
            let tag = sanitizes ? sanitizer.sanitize(html, isBlock: false).html : html
            guard tag.hasPrefix("<"), !tag.hasPrefix("</"),
                sanitizes ? Self.hasObsolete(tag) : Self.needsRewrite(tag),
                case .element(let element)? = HTMLParser.parseFragment(tag).first
            else { return tag }
            let kept = sanitizes ? element : resolvingURLs(element)
            return HTMLSerializer.startTag(Self.modernised(kept), flavor: .html)
        }
        let parsed = HTMLParser.parseFragment(html)
        let kept = sanitizes ? sanitizer.clean(parsed).nodes : parsed
        return HTMLSerializer.serialize(kept.map(modernised), flavor: .html)
    }

    /// True when a kept tag has an obsolete attribute or a URL attribute to make absolute.
    static func needsRewrite(_ tag: String) -> Bool {
        let lower = tag.lowercased()
        return hasObsolete(tag) || [" href=", " src=", " cite="].contains { lower.contains($0) }
    }

    /// `node` modernised; a kept (unsanitised) element also gets its relative URLs resolved,
    /// as the sanitiser does for a sanitised one.
    func modernised(_ node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        if !sanitizes { element = resolvingURLs(element) }
        return .element(Self.modernised(element))
    }

    /// `element` and its children with relative `href`, `src` and `cite` values made absolute;
    /// a URL with a scheme is the author's and kept as written.
    func resolvingURLs(_ element: HTMLElement) -> HTMLElement {
        var element = element
        for index in element.attributes.indices
        where ["href", "src", "cite"].contains(element.attributes[index].name) {
            let value = element.attributes[index].value
            if !URLText.hasScheme(value.trimmed) {
                element.attributes[index].value = sanitizer.rewriteURL(value)
            }
        }
        element.children = element.children.map { child in
            guard case .element(let inner) = child else { return child }
            return .element(resolvingURLs(inner))
        }
        return element
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
