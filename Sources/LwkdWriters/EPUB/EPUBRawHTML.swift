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
        let (kept, removals) = sanitizer.clean(adapt(HTMLParser.parseFragment(html), at: at))
        report(removals, in: html, at: at)
        return HTMLSerializer.serialize(kept, flavor: .xhtml)
    }

    private func adapt(_ nodes: [HTMLNode], at: SourceRange?) -> [HTMLNode] {
        nodes.map { node in
            guard case .element(var element) = node else { return node }
            if element.name == "img" {
                let source = element[attribute: "src"] ?? ""
                let alt = element[attribute: "alt"].flatMap { $0.isEmpty ? nil : $0 } ?? "image"
                diagnostics.warn(
                    "image \(source) in raw HTML cannot be embedded in EPUB; linked instead",
                    file: file, at: at)
                return .element(
                    HTMLElement(
                        name: "a", attributes: [HTMLAttribute(name: "href", value: source)],
                        children: [.text(alt)], line: element.line))
            }
            element.attributes.removeAll { EPUBRawHTML.obsolete.contains($0.name) }
            element.children = adapt(element.children, at: at)
            return .element(element)
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
