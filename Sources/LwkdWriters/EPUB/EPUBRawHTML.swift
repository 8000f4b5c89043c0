import LwkdModel
import LwkdXML

/// Raw HTML from a post, made fit for an EPUB content document: parsed and re-serialised as
/// XHTML through the shared allowlist, URLs made absolute, presentational attributes that HTML5
/// made obsolete dropped, and images (which cannot be embedded from raw HTML) turned into links.
struct EPUBRawHTML: Sendable {
    let site: Site
    let diagnostics: DiagnosticSink
    let file: String?
    var sourceMap = SourceMap()

    private var sanitizer: HTMLSanitizer {
        let site = self.site
        return HTMLSanitizer(
            flavor: .xhtml, allowsDataImages: false,
            rewriteURL: { URLText.percentEncoded(site.absolute($0)) })
    }

    func convert(_ html: String, isBlock: Bool) -> String {
        let at = sourceMap.raw(html)
        let hasImage = html.lowercased().contains("<img")
        guard isBlock || hasImage else {
            // Markdown gives inline HTML one tag at a time; the sanitiser keeps lone tags.
            let result = sanitizer.sanitize(html, isBlock: false)
            report(result.removals, in: html, at: at)
            return EPUBRawHTML.droppingObsoleteAttributes(result.html)
        }
        var flattened = false
        let adapted = adapt(HTMLParser.parseFragment(html), at: at, depth: 1, flattened: &flattened)
        if flattened {
            diagnostics.warn(
                "raw HTML nested deeper than \(EPUBRawHTML.maximumDepth) elements; the deeper tags are dropped in the EPUB, their text kept",
                file: file, at: at)
        }
        let (kept, removals) = sanitizer.clean(adapted)
        report(removals, in: html, at: at)
        return HTMLSerializer.serialize(kept, flavor: .xhtml)
    }

    /// How deep raw HTML may nest in an EPUB chapter. XML readers refuse documents nested
    /// deeper than 256 (libxml2 without XML_PARSE_HUGE); the chapter's own elements and the
    /// model's 64 levels of lists take at most about 130 of those.
    static let maximumDepth = 64

    private func adapt(
        _ nodes: [HTMLNode], at: SourceRange?, depth: Int, flattened: inout Bool
    ) -> [HTMLNode] {
        nodes.flatMap { node -> [HTMLNode] in
            guard case .element(var element) = node else { return [node] }
            if depth > EPUBRawHTML.maximumDepth {
                // Too deep: the element goes, its content stays, one level up.
                flattened = true
                return adapt(element.children, at: at, depth: depth, flattened: &flattened)
            }
            if element.name == "img" {
                let source = element[attribute: "src"] ?? ""
                let alt = element[attribute: "alt"].flatMap { $0.isEmpty ? nil : $0 } ?? "image"
                diagnostics.warn(
                    "image \(source) in raw HTML cannot be embedded in EPUB; linked instead",
                    file: file, at: at)
                return [
                    .element(
                        HTMLElement(
                            name: "a", attributes: [HTMLAttribute(name: "href", value: source)],
                            children: [.text(alt)], line: element.line))
                ]
            }
            element.attributes.removeAll { EPUBRawHTML.obsolete.contains($0.name) }
            element.children = adapt(
                element.children, at: at, depth: depth + 1, flattened: &flattened)
            return [.element(element)]
        }
    }

    private func report(_ removals: [HTMLSanitizer.Removal], in html: String, at: SourceRange?) {
        for removal in removals {
            diagnostics.warn("raw HTML: removed \(removal.what)", file: file, at: at)
        }
    }

    /// HTML5 §16 obsolete attributes EPUBCheck rejects (the e-mail allowlist keeps them).
    static let obsolete: Set<String> = ["align", "valign", "width", "height"]

    static func droppingObsoleteAttributes(_ tag: String) -> String {
        guard tag.hasPrefix("<"), !tag.hasPrefix("</") else { return tag }
        var out = tag
        for name in obsolete {
            while let start = out.range(of: " \(name)=\"") {
                guard let end = out[start.upperBound...].firstIndex(of: "\"") else { break }
                out.removeSubrange(start.lowerBound...end)
            }
        }
        return out
    }
}
