import LwkdThemes
import LwkdWriters
import LwkdXML

/// The targets of raw HTML: the sanitiser (e-mail and EPUB) and the e-mail's CSS inliner.
extension FuzzTargets {
    // MARK: - Sanitiser

    /// Sanitised raw HTML, as HTML (e-mail) or XHTML (EPUB), block or inline: the XHTML is
    /// well-formed, and read back as a browser would, neither holds a script, an element
    /// outside the allowlist, an event handler or a dangerous URL or style. Sanitising
    /// the output again removes nothing (no markup appears on re-parsing).
    static func sanitizer(_ bytes: [UInt8]) throws(FuzzFailure) {
        let html = String(decoding: bytes, as: UTF8.self)
        for flavor in [HTMLSerializer.Flavor.xhtml, .html] {
            let sanitizer = HTMLSanitizer(flavor: flavor)
            for isBlock in [true, false] {
                let result = sanitizer.sanitize(html, isBlock: isBlock).html
                let mode = "\(flavor) \(isBlock ? "block" : "inline")"
                if flavor == .xhtml {
                    try wellFormedFragment(result, target: "sanitizer", mode: mode)
                }
                if let danger = dangerous(in: HTMLParser.parseFragment(result)) {
                    throw FuzzFailure(target: "sanitizer", property: "\(mode) output holds \(danger)")
                }
                // Read back, the output must give the sanitiser nothing to remove (no markup
                // that only appears on re-parsing). libxml2 may nest it differently the second
                // time (`<p>` it had left inside `<table>`); that is tolerated.
                guard isBlock else { continue }
                let again = sanitizer.sanitize(result, isBlock: true)
                if !again.removals.isEmpty {
                    throw FuzzFailure(
                        target: "sanitizer",
                        property: "\(mode) output sanitised again loses \(again.removals):\n\(result)")
                }
            }
        }
    }

    /// Checks an XHTML fragment inside an XHTML `div`; a lone start or end tag (how inline
    /// raw HTML comes, one tag at a time) is checked with its partner.
    static func wellFormedFragment(_ xhtml: String, target: String, mode: String) throws(FuzzFailure) {
        var fragment = xhtml
        if xhtml.hasPrefix("<"), xhtml.hasSuffix(">"), !xhtml.hasSuffix("/>"),
            !xhtml.dropFirst().contains("<")
        {
            let isEnd = xhtml.hasPrefix("</")
            let name = xhtml.dropFirst(isEnd ? 2 : 1).prefix { $0 != " " && $0 != ">" }
            fragment = isEnd ? "<\(name)>" + xhtml : xhtml + "</\(name)>"
        }
        let problems = XMLCheck.problems(
            in: "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + fragment + "</div>")
        if !problems.isEmpty {
            throw FuzzFailure(
                target: target, property: "\(mode) output is not well-formed: \(problems)\n\(xhtml)")
        }
    }

    /// The first thing in `nodes` a browser could run or load, or that the allowlist does not
    /// let through; nil when there is none. URLs and styles are read as a browser reads them
    /// (controls and whitespace in a scheme skipped, CSS comments and escapes undone).
    static func dangerous(in nodes: [HTMLNode]) -> String? {
        var stack = nodes
        while let node = stack.popLast() {
            guard case .element(let element) = node else { continue }
            if !HTMLSanitizer.allowedElements.contains(element.name) {
                return "an element outside the allowlist, <\(element.name)>"
            }
            for attribute in element.attributes {
                if attribute.name.hasPrefix("on") { return "an \(attribute.name) handler" }
                if ["href", "src", "cite"].contains(attribute.name),
                    let scheme = browserScheme(attribute.value),
                    ["javascript", "vbscript", "data", "livescript"].contains(scheme)
                {
                    return "a \(scheme): URL in \(attribute.name)"
                }
                if attribute.name == "style" {
                    let style = cssText(attribute.value)
                    for word in ["url(", "expression(", "javascript:", "behavior", "binding", "@import"]
                    where style.contains(word) {
                        return "\(word) in a style"
                    }
                }
            }
            stack.append(contentsOf: element.children)
        }
        return nil
    }

    /// The scheme a browser's URL parser finds: leading controls and spaces stripped, tabs and
    /// line breaks removed anywhere, then letters, digits, `+`, `-` and `.` up to a colon.
    static func browserScheme(_ url: String) -> String? {
        var scheme = ""
        var started = false
        for c in url.unicodeScalars {
            if !started, c.value <= 32 { continue }
            started = true
            if c == "\t" || c == "\n" || c == "\r" { continue }
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isAlpha = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            let isOther = (c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."
            guard isAlpha || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// CSS text as the CSS tokenizer sees it, lowercase: comments removed, escapes undone.
    static func cssText(_ css: String) -> String {
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
                while j < s.count, j - i <= 6, let digit = Int(String(s[j]), radix: 16) {
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

    // MARK: - CSS inliner

    /// The inliner on a page as the e-mail writer makes one (sanitised post HTML in a
    /// document), with the built-in theme's stylesheet, or the input's own before a NUL byte.
    /// It changes nothing but `style` attributes, each a declaration list that reads back as
    /// what was written; the page written as XHTML is well-formed, and written as HTML it
    /// parses back to the same tree.
    static func css(_ bytes: [UInt8]) throws(FuzzFailure) {
        let input = CSSInput(bytes)
        let stylesheet = input.stylesheet.map { CSSStylesheet(parsing: $0) } ?? defaultStylesheet
        let body = HTMLSanitizer(flavor: .html).sanitize(input.html, isBlock: true).html
        let page =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head>"
            + "<body><div class=\"content\">" + body + "</div></body></html>"
        guard let root = HTMLParser.parseDocument(page) else {
            throw FuzzFailure(target: "css", property: "the page does not parse")
        }
        let inlined = CSSInliner(stylesheet: stylesheet).inline(root)
        if unstyled(inlined) != unstyled(root) {
            throw FuzzFailure(target: "css", property: "the inliner changed more than styles")
        }
        try checkStyles(inlined, root)
        let xhtml = HTMLSerializer.serialize(inlined, flavor: .xhtml)
        if let problem = XMLCheck.problems(in: xhtml).first {
            throw FuzzFailure(target: "css", property: "the XHTML page is not well-formed: \(problem)")
        }
        let html = "<!DOCTYPE html>\n" + HTMLSerializer.serialize(inlined, flavor: .html)
        guard let reparsed = HTMLParser.parseDocument(html),
            HTMLSerializer.serialize(reparsed, flavor: .xhtml) == xhtml
        else {
            throw FuzzFailure(target: "css", property: "the HTML page does not parse back:\n\(html)")
        }
    }

    /// The built-in theme's stylesheet, the one html-email inlines by default, parsed once:
    /// parsing it again for every input took 40% of the target's time and reached no new code.
    static let defaultStylesheet = CSSStylesheet(parsing: Theme.builtinDefault.stylesheet)

    /// Every `style` the inliner wrote reads back as the same declarations, each property once.
    /// `inlined` and `original` have the same shape (checked before).
    static func checkStyles(_ inlined: HTMLElement, _ original: HTMLElement) throws(FuzzFailure) {
        if let style = inlined[attribute: "style"], style != original[attribute: "style"] {
            let declarations = CSSStylesheet.declarations(in: style)
            let again = declarations.map {
                "\($0.property): \($0.value)\($0.isImportant ? " !important" : "")"
            }
            if again.joined(separator: "; ") != style
                || Set(declarations.map(\.property)).count != declarations.count
            {
                throw FuzzFailure(
                    target: "css", property: "style on <\(inlined.name)> does not read back: \(style)")
            }
        }
        for (a, b) in zip(inlined.children, original.children) {
            if case .element(let x) = a, case .element(let y) = b { try checkStyles(x, y) }
        }
    }

    /// The tree as XHTML with the `style` of every element the inliner styles removed.
    static func unstyled(_ element: HTMLElement) -> String {
        func strip(_ element: HTMLElement) -> HTMLElement {
            var copy = element
            if !CSSInliner.unstyledElements.contains(element.name) {
                copy.attributes.removeAll { $0.name == "style" }
            }
            copy.children = element.children.map {
                guard case .element(let child) = $0 else { return $0 }
                return .element(strip(child))
            }
            return copy
        }
        return HTMLSerializer.serialize(strip(element), flavor: .xhtml)
    }
}

/// The `css` target's input: HTML, or a stylesheet, a NUL byte, then HTML.
struct CSSInput {
    var stylesheet: String?
    var html: String

    init(_ bytes: [UInt8]) {
        if let nul = bytes.firstIndex(of: 0) {
            stylesheet = String(decoding: bytes[..<nul], as: UTF8.self)
            html = String(decoding: bytes[(nul + 1)...], as: UTF8.self)
        } else {
            html = String(decoding: bytes, as: UTF8.self)
        }
    }
}
