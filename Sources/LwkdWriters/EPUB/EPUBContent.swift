import LwkdModel

/// The book's chapters made ready to render: heading ids unique across the book, links between
/// posts pointing inside it, local images embedded and remote ones turned into links.
struct EPUBContent {
    struct Section {
        var id: String
        var title: String
    }

    struct Chapter {
        var file: String
        var title: String
        var titleID: String
        var date: PostDate?
        var permalink: String?
        var sections: [Section]
        var blocks: [Block]
    }

    var chapters: [Chapter] = []
    var images = EPUBImages()

    init(book: EPUBBook, in context: WriteContext) throws(WriteError) {
        var ids = HeadingIDs()
        var localToGlobal: [[String: String]] = []
        // Pass 1: ids, so that pass 2 can point links at headings in any chapter.
        for (index, source) in book.chapters.enumerated() {
            var local = HeadingIDs()
            var map: [String: String] = [:]
            let titleID = ids.make(for: source.title)
            var sections: [Section] = []
            let shift =
                source.blocks.contains { if case .heading(1, _, _, _) = $0 { true } else { false } }
                ? 1 : 0
            let blocks = Block.mapAll(source.blocks) { block in
                guard case .heading(let level, let style, let attr, let content) = block else {
                    return block
                }
                let text = content.plainText
                let key = attr.identifier.isEmpty ? text : attr.identifier
                let localID = attr.identifier.isEmpty ? local.make(for: key) : attr.identifier
                let globalID = ids.make(for: key)
                map[localID] = globalID
                if level + shift == 2 {
                    sections.append(Section(id: globalID, title: text.isEmpty ? "Section" : text))
                }
                return .heading(
                    level: min(6, level + shift), style: style, attr: Attr(identifier: globalID),
                    content: content)
            }
            localToGlobal.append(map)
            chapters.append(
                Chapter(
                    file: EPUBContent.fileName(ofChapter: index), title: source.title,
                    titleID: titleID,
                    date: source.date, permalink: source.permalink, sections: sections,
                    blocks: blocks))
        }
        // Pass 2: links and images.
        for index in chapters.indices {
            var rewriter = LinkRewriter(
                book: book, chapterIndex: index, maps: localToGlobal, files: chapters.map(\.file),
                context: context, file: book.chapters[index].fileName)
            let blocks = chapters[index].blocks
            var failure: WriteError?
            let mapped = Document(blocks: blocks).mapInlines { list in
                var out: [Inline] = []
                out.reserveCapacity(list.count)
                for inline in list {
                    do throws(WriteError) {
                        out += try rewriter.rewrite(inline, images: &images)
                    } catch {
                        failure = failure ?? error
                        out.append(inline)
                    }
                }
                return out
            }
            if let failure { throw failure }
            chapters[index].blocks = mapped.blocks
        }
    }

    /// `/images/x.png` for `https://lwkd.info/images/x.png` when the site is lwkd.info.
    static func sitePath(of url: String, site: Site) -> String? {
        let host = site.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard !host.isEmpty else { return nil }
        for scheme in ["https://", "http://", "//"] {
            for name in [host, "www." + host] where url.lowercased().hasPrefix(scheme + name + "/")
            {
                return String(url.dropFirst(scheme.count + name.count))
            }
        }
        return nil
    }

    static func fileName(ofChapter index: Int) -> String {
        let n = String(index + 1)
        return "chapter-" + String(repeating: "0", count: max(0, 3 - n.count)) + n + ".xhtml"
    }
}

/// Rewrites one chapter's links and images for the package.
private struct LinkRewriter {
    let book: EPUBBook
    let chapterIndex: Int
    let maps: [[String: String]]
    let files: [String]
    let context: WriteContext
    let file: String?

    mutating func rewrite(_ inline: Inline, images: inout EPUBImages) throws(WriteError) -> [Inline]
    {
        switch inline {
        case .link(var link, let content):
            guard let destination = target(of: link.destination) else {
                context.diagnostics.warn(
                    "link to '\(link.destination)' points to no heading in the book; kept as text",
                    file: file)
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
        if let (index, fragment) = book.posts.post(linkedBy: url), index < files.count {
            let page = index == chapterIndex ? "" : files[index]
            if let fragment, let global = maps[index][fragment] { return page + "#" + global }
            return page.isEmpty ? files[index] : page
        }
        return EPUBURL.valid(context.site.absolute(url))
    }

    /// EPUB 3.3 §3.8: remote images are not allowed, so only local ones are embedded; the rest
    /// become links to their web address, their alt text as the link text.
    private func embed(_ image: Image, alt: [Inline], images: inout EPUBImages) throws(WriteError)
        -> Inline
    {
        let source = image.source
        let text: [Inline] = alt.isEmpty ? [.text(text: "image")] : alt
        if source.hasPrefix("data:") {
            context.diagnostics.warn(
                "data: image cannot be embedded in EPUB; kept its alt text", file: file)
            return .strong(content: text)
        }
        // An absolute URL on the site itself is looked up like its site-root path.
        let lookup = EPUBContent.sitePath(of: source, site: context.site) ?? source
        if lookup == source, URLText.hasScheme(source) || source.hasPrefix("//") {
            context.diagnostics.warn(
                "remote image \(source) cannot be embedded in EPUB; linked with its alt text instead",
                file: file)
            return .link(
                link: Link(destination: EPUBURL.valid(context.site.absolute(source))), content: text
            )
        }
        switch context.resources.load(lookup) {
        case .found(let path, let bytes):
            guard let href = images.add(path: path, bytes: bytes) else {
                context.diagnostics.warn(
                    "image \(path) is not PNG, JPEG, GIF, SVG or WebP; linked instead", file: file)
                return .link(
                    link: Link(destination: EPUBURL.valid(context.site.absolute(source))),
                    content: text)
            }
            var embedded = image
            embedded.source = href
            images.noteAlt(isEmpty: alt.plainText.isEmpty)
            return .image(image: embedded, content: alt)
        case .notFound where lookup != source:
            context.diagnostics.warn(
                "remote image \(source) cannot be embedded in EPUB and is not in any --resource-path; linked with its alt text instead",
                file: file)
            return .link(link: Link(destination: EPUBURL.valid(source)), content: text)
        case .notFound:
            context.diagnostics.warn(
                "image \(source) not found in any --resource-path; linked to its web address instead",
                file: file)
            return .link(
                link: Link(destination: EPUBURL.valid(context.site.absolute(source))), content: text
            )
        case .refused(let reason):
            throw .resource(path: source, reason: reason)
        }
    }
}

extension Block {
    /// Applies `transform` to every block at any depth, children first.
    static func mapAll(_ blocks: [Block], _ transform: (Block) -> Block) -> [Block] {
        blocks.map { transform($0.mappingChildren { mapAll($0, transform) }) }
    }
}
