/// Re-serialises raw HTML from a post through an allowlist: it keeps text and harmless
/// markup, and drops scripts, styles, frames, forms, plug-ins, event handlers and dangerous URLs.
///
/// Raw HTML is parsed with libxml2's HTML parser (through ``HTMLParser``), so what survives is
/// what a browser would have seen, re-serialised as clean HTML or XHTML.
public struct HTMLSanitizer: Sendable {
    /// Maps each kept `href`/`src`/`cite` URL (e.g. to an absolute URL).
    public var rewriteURL: @Sendable (String) -> String
    /// Keeps `data:image/…` URLs in `img src` (EPUB); other `data:` URLs are always dropped.
    public var allowsDataImages: Bool
    /// HTML5 or XHTML output.
    public var flavor: HTMLSerializer.Flavor

    /// Creates a sanitiser.
    public init(
        flavor: HTMLSerializer.Flavor = .html, allowsDataImages: Bool = false,
        rewriteURL: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.flavor = flavor
        self.allowsDataImages = allowsDataImages
        self.rewriteURL = rewriteURL
    }

    /// The result of sanitising: clean markup and what was removed.
    public struct Result: Hashable, Sendable {
        /// The clean markup.
        public var html: String
        /// One entry per removed element, attribute or URL, with its line in the fragment.
        public var removals: [Removal]
    }

    /// Something the sanitiser removed.
    public struct Removal: Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line within the fragment.
        public var line: Int
        /// What was removed, such as `<script> element` or `onclick attribute on <a>`.
        public var what: String

        public var description: String { what }
    }

    /// Sanitises a raw HTML block or inline.
    ///
    /// Markdown gives inline raw HTML one tag at a time (`<b>`, text, `</b>`), so a lone start
    /// or end tag is kept as a lone tag when allowed, instead of being closed at once.
    public func sanitize(_ html: String, isBlock: Bool) -> Result {
        guard let (capped, cuts) = AttributeCap.apply(html) else {
            return sanitizeCapped(html, isBlock: isBlock)
        }
        var result = sanitizeCapped(capped, isBlock: isBlock)
        result.removals =
            cuts.map {
                Removal(
                    line: $0.line,
                    what:
                        "\($0.dropped) attributes beyond the first \(AttributeCap.limit) on <\($0.name)>"
                )
            } + result.removals
        return result
    }

    private func sanitizeCapped(_ html: String, isBlock: Bool) -> Result {
        var cleaner = Cleaner(policy: self)
        if !isBlock, let tag = LoneTag(html) {
            switch tag {
            case .end(let name):
                guard HTMLSanitizer.allowedElements.contains(name) else {
                    return Result(html: "", removals: [])
                }
                return Result(html: "</\(name)>", removals: [])
            case .start:
                let nodes = HTMLParser.parseFragment(html)
                guard case .element(let element)? = nodes.first else {
                    return Result(html: "", removals: [])
                }
                let cleaned = cleaner.clean([.element(element)])
                guard case .element(let kept)? = cleaned.first, kept.name == element.name else {
                    return Result(html: "", removals: cleaner.removals)
                }
                return Result(
                    html: HTMLSerializer.startTag(kept, flavor: flavor), removals: cleaner.removals)
            }
        }
        let nodes = cleaner.clean(HTMLParser.parseFragment(html))
        return Result(
            html: HTMLSerializer.serialize(nodes, flavor: flavor), removals: cleaner.removals)
    }

    /// Sanitises parsed nodes.
    public func clean(_ nodes: [HTMLNode]) -> (nodes: [HTMLNode], removals: [Removal]) {
        var cleaner = Cleaner(policy: self)
        let kept = cleaner.clean(nodes)
        return (kept, cleaner.removals)
    }

    /// Elements kept as they are (with filtered attributes).
    public static let allowedElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
        "wbr",
    ]

    /// Elements removed together with their content.
    public static let droppedElements: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "form", "input", "button",
        "select", "textarea", "option", "frame", "frameset", "noscript", "template", "base", "link",
        "meta", "title", "head", "svg", "math", "canvas", "video", "audio", "noembed", "noframes",
        "param", "source", "track", "dialog",
    ]

    /// Attributes kept on any allowed element; URL attributes are checked separately.
    static let allowedAttributes: Set<String> = [
        "href", "src", "cite", "alt", "title", "lang", "dir", "class", "width", "height",
        "colspan", "rowspan", "scope", "headers", "align", "valign", "start", "reversed", "type",
        "datetime", "style", "open",
    ]
}

private enum LoneTag {
    case start
    case end(String)

    init?(_ raw: String) {
        let s = raw.trimmingCharacters()
        guard s.hasPrefix("<"), s.hasSuffix(">"), !s.hasPrefix("<!"), !s.hasPrefix("<?") else {
            return nil
        }
        // One tag only: no other '<' inside.
        guard s.dropFirst().firstIndex(of: "<") == nil else { return nil }
        if s.hasPrefix("</") {
            let name = s.dropFirst(2).dropLast().trimmingCharacters().lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
            self = .end(name)
        } else {
            if s.hasSuffix("/>") { return nil }
            let name = s.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard !name.isEmpty, !HTMLSerializer.voidElements.contains(name) else { return nil }
            self = .start
        }
    }
}

private struct Cleaner {
    let policy: HTMLSanitizer
    var removals: [HTMLSanitizer.Removal] = []

    mutating func clean(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for node in nodes {
            switch node {
            case .text:
                out.append(node)
            case .comment:
                // Comments can hide conditional markup for Outlook; none is needed from a post.
                continue
            case .element(var element):
                if HTMLSanitizer.droppedElements.contains(element.name) {
                    removals.append(.init(line: element.line, what: "<\(element.name)> element"))
                    continue
                }
                guard HTMLSanitizer.allowedElements.contains(element.name) else {
                    // Unknown but harmless (font, center, custom tags): keep the content only.
                    out.append(contentsOf: clean(element.children))
                    continue
                }
                let hadHref = element[attribute: "href"] != nil
                element.attributes = cleanAttributes(of: element)
                element.children = clean(element.children)
                if element.name == "a", hadHref, element[attribute: "href"] == nil {
                    // A link whose URL was unsafe becomes its text, not a dead link.
                    out.append(contentsOf: element.children)
                    continue
                }
                out.append(.element(element))
            }
        }
        return out
    }

    private mutating func cleanAttributes(of element: HTMLElement) -> [HTMLAttribute] {
        var kept: [HTMLAttribute] = []
        for attribute in element.attributes {
            let name = attribute.name
            if name.hasPrefix("on") {
                removals.append(
                    .init(line: element.line, what: "\(name) attribute on <\(element.name)>"))
                continue
            }
            guard HTMLSanitizer.allowedAttributes.contains(name) else { continue }
            // Checked as it will be written: the writers drop the controls XML forbids, so a
            // control inside a keyword (`ex\u{8}pression(`) would join it after the check.
            var value = XMLCharacters.removingForbidden(from: attribute.value).0
            switch name {
            case "href", "src", "cite":
                guard isSafeURL(value, isImage: element.name == "img" && name == "src") else {
                    let scheme = URLScheme.of(value) ?? "unsafe"
                    removals.append(
                        .init(
                            line: element.line,
                            what: "\(scheme): URL in \(name) on <\(element.name)>"))
                    continue
                }
                if !URLScheme.isData(value) { value = policy.rewriteURL(value) }
            case "style":
                // As the CSS tokenizer reads it: `\65xpression(` is `expression(`.
                let lower = URLScheme.cssText(value)
                if lower.contains("url(") || lower.contains("expression")
                    || lower.contains("javascript")
                    || lower.contains("behavior") || lower.contains("binding")
                    || lower.contains("@import")
                {
                    removals.append(
                        .init(line: element.line, what: "unsafe style on <\(element.name)>"))
                    continue
                }
            default:
                break
            }
            kept.append(HTMLAttribute(name: name, value: value))
        }
        return kept
    }

    private func isSafeURL(_ url: String, isImage: Bool) -> Bool {
        guard let scheme = URLScheme.of(url) else { return true }
        switch scheme {
        case "javascript", "vbscript": return false
        case "data":
            return isImage && policy.allowsDataImages && URLScheme.isData(url)
                && url.lowercased().filter { !$0.isWhitespace }.hasPrefix("data:image/")
        default: return true
        }
    }
}

/// URL scheme helpers for the sanitiser.
enum URLScheme {
    /// The lowercase scheme, ignoring whitespace and control characters browsers skip, or nil.
    static func of(_ url: String) -> String? {
        var scheme = ""
        for c in url.unicodeScalars {
            if c.value <= 32 { continue }
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isAlpha = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            let isOther = (c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."
            guard isAlpha || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    static func isData(_ url: String) -> Bool { of(url) == "data" }

    /// CSS text as a browser's CSS tokenizer reads it, lowercase: comments removed, escapes
    /// (`\65` or `\65 ` for `e`, `\(` for `(`) undone (CSS Syntax Level 3 §4.3.7).
    static func cssText(_ css: String) -> String {
        guard css.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") })
        else { return css.lowercased() }
        let s = Array(css.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "/", i + 1 < s.count, s[i + 1] == "*" {
                i += 2
                while i < s.count, !(s[i] == "*" && i + 1 < s.count && s[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if s[i] == "\\", i + 1 < s.count {
                var j = i + 1
                var value: UInt32 = 0
                while j < s.count, j - i <= 6, s[j].isASCII, let digit = Int(String(s[j]), radix: 16) {
                    value = value * 16 + UInt32(digit)
                    j += 1
                }
                if j > i + 1 {
                    if j < s.count, s[j] == " " || s[j] == "\t" || s[j] == "\n" { j += 1 }
                    out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    i = j
                } else {
                    out.append(s[i + 1])
                    i += 2
                }
                continue
            }
            out.append(s[i])
            i += 1
        }
        return String(out).lowercased()
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
