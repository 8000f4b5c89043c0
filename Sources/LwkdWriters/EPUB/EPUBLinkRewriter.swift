import LwkdModel
import LwkdXML

/// Rewrites one chapter's links and images for the package.
struct EPUBLinkRewriter {
    let book: EPUBBook
    let chapterIndex: Int
    let maps: [[String: String]]
    let files: [String]
    let context: WriteContext
    let file: String?
    let sourceMap: SourceMap
    var seenLinks = OccurrenceCounter()
    var seenImages = OccurrenceCounter()

    mutating func rewrite(_ inline: Inline, images: inout EPUBImages) throws(WriteError) -> [Inline]
    {
        switch inline {
        case .link(var link, let content):
            let at = sourceMap.link(link.destination, occurrence: seenLinks.next(link.destination))
            guard let destination = target(of: link.destination) else {
                context.diagnostics.warn(
                    "link to '\(link.destination)' points to no heading in the book; kept as text",
                    file: file, at: at)
                return content
            }
            link.destination = destination
            return [.link(link: link, content: content)]
        case .image(let image, let alt):
            return [try embed(image, alt: alt, images: &images)]
        case .text, .emphasis, .strong, .strikethrough, .code, .softBreak, .hardBreak, .rawInline:
            return [inline]
        }
    }

    /// Where a link should point inside the package, or nil when it is a dangling fragment.
    private func target(of url: String) -> String? {
        if url.hasPrefix("#") {
            let fragment = String(url.dropFirst())
            if let global = maps[chapterIndex][fragment] { return "#" + global }
            if maps[chapterIndex].values.contains(fragment) { return url }
            return nil
        }
        if let (post, fragment) = book.posts.post(linkedBy: url), post < book.chapterOfPost.count,
            let index = book.chapterOfPost[post], index < files.count
        {
            let page = index == chapterIndex ? "" : files[index]
            if let fragment, let global = maps[index][fragment] { return page + "#" + global }
            return page.isEmpty ? files[index] : page
        }
        return URLText.percentEncoded(context.site.absolute(url))
    }

    /// EPUB 3.3 §3.8: remote images are not allowed, so only local ones are embedded; the rest
    /// become links to their web address, their alt text as the link text.
    private mutating func embed(_ image: Image, alt: [Inline], images: inout EPUBImages)
        throws(WriteError) -> Inline
    {
        let source = image.source
        let at = sourceMap.image(source, occurrence: seenImages.next(source))
        let file = file
        let context = context
        func warn(_ message: String) { context.diagnostics.warn(message, file: file, at: at) }
        let text: [Inline] = alt.isEmpty ? [.text(text: "image")] : alt
        // The image as a link to its web address, its alt text as the link text.
        let linked = Inline.link(
            link: Link(destination: URLText.percentEncoded(context.site.absolute(source))),
            content: text)
        if source.hasPrefix("data:") {
            warn("data: image cannot be embedded in EPUB; kept its alt text")
            return .strong(content: text)
        }
        // An absolute URL on the site itself is looked up like its site-root path.
        let lookup = EPUBContent.sitePath(of: source, site: context.site) ?? source
        if lookup == source, URLText.hasScheme(source) || source.hasPrefix("//") {
            warn(
                "remote image \(source) cannot be embedded in EPUB; linked with its alt text instead"
            )
            return linked
        }
        switch context.resources.load(lookup) {
        case .found(let path, var bytes):
            if EPUBImages.sniff(bytes)?.0 == "image/svg+xml" {
                // An SVG is a document: embedded only once scripts, handlers, outside
                // references and its DOCTYPE are gone; else linked, as a remote image is.
                guard let safe = SVGSanitizer.sanitize(bytes) else {
                    warn(
                        "SVG image \(path) is not well-formed XML; linked with its alt text instead"
                    )
                    return linked
                }
                if !safe.removed.isEmpty {
                    warn("SVG image \(path): removed \(safe.removed.joined(separator: ", "))")
                }
                bytes = safe.bytes
            }
            if let problem = EPUBImageLimits.problem(bytes) {
                warn("image \(path) \(problem); linked to its web address instead of embedded")
                return linked
            }
            guard let href = images.add(path: path, bytes: bytes) else {
                warn("image \(path) is not PNG, JPEG, GIF, SVG or WebP; linked instead")
                return linked
            }
            var embedded = image
            embedded.source = href
            images.noteAlt(isEmpty: alt.plainText.isEmpty)
            return .image(image: embedded, content: alt)
        case .notFound where lookup != source:
            warn(
                "remote image \(source) cannot be embedded in EPUB and is not in any --resource-path; linked with its alt text instead"
            )
            return .link(link: Link(destination: URLText.percentEncoded(source)), content: text)
        case .notFound:
            warn(
                "image \(source) not found in any --resource-path; linked to its web address instead"
            )
            return linked
        case .refused(let reason):
            // The post's own path: its fault, told at its line (exit 6, not "output not written").
            throw .input(file: file, at: at, reason: "\(source): \(reason)")
        }
    }
}
