import Foundation
import LwkdModel
import LwkdXML
import Synchronization

/// EPUB 3.3: one post as a small book, or a year's posts as a digest with one chapter per post.
///
/// Chapters are rendered by ``HTMLRenderer`` in its XHTML flavour; the writer adds the title
/// page, navigation document, NCX, package document and container, and zips them
/// reproducibly (fixed member order, timestamps from the post's date).
public struct EPUBWriter: Writer {
    public let format = "epub"
    public let aliases = ["epub3"]
    public let fileExtensions = ["epub"]
    public let isBinary = true
    public var usesTheme: Bool { true }
    public let summary = "EPUB 3.3 e-book (images embedded from --resource-path)"

    /// Turns raw HTML into XHTML; nil uses the shared allowlist (``EPUBRawHTML``).
    public var rawHTML: (@Sendable (String, Bool) -> String)?

    /// Creates the writer.
    public init(rawHTML: (@Sendable (String, Bool) -> String)? = nil) {
        self.rawHTML = rawHTML
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        try build(EPUBBook(post: post, in: context), in: context)
    }

    /// Writes a digest: a cover, a title page, then one chapter per post and the appendix
    /// chapters, with a two-level table of contents (posts, then their sections; or, for
    /// several years, years, then their posts).
    public func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError)
        -> Output
    {
        var book = EPUBBook(digest: digest, in: context)
        book.cover = try EPUBCover.make(digest: digest, in: context)
        return try build(book, in: context)
    }

    /// The members of `post`'s EPUB, in order, before they are zipped (without `mimetype`, which
    /// the zip adds first): what ``write(_:in:)`` puts in the archive. The `plain` fuzz target
    /// checks every XML member with it, without zipping and unzipping a book per input.
    package func members(_ post: Post, in context: WriteContext) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        try archive(EPUBBook(post: post, in: context), in: context).members.map {
            ($0.path, $0.bytes)
        }
    }

    private func build(_ book: EPUBBook, in context: WriteContext) throws(WriteError) -> Output {
        .binary(try archive(book, in: context).zipped(modified: book.modified))
    }

    private func archive(_ book: EPUBBook, in context: WriteContext) throws(WriteError)
        -> EPUBArchive
    {
        let content = try EPUBContent(book: book, in: context)
        let package = EPUBPackage(book: book, content: content, generator: context.generator)
        var archive = EPUBArchive()
        let root = EPUBPackage.root
        archive.add("META-INF/container.xml", text: EPUBPackage.container)
        archive.add(root + "package.opf", text: package.packageDocument())
        archive.add(root + "nav.xhtml", text: package.navigationDocument())
        archive.add(root + "toc.ncx", text: package.ncx())
        archive.add(root + "style.css", text: try stylesheet(in: context))
        if let cover = book.cover {
            archive.add(root + "cover.xhtml", text: package.coverPage(cover))
            archive.add(
                root + cover.href, bytes: cover.bytes,
                isCompressed: cover.mediaType == "image/svg+xml")
        }
        archive.add(root + "titlepage.xhtml", text: package.titlePage())
        for (index, text) in try renderAll(content, book, package, context).enumerated() {
            archive.add(root + content.chapters[index].file, text: text)
        }
        for image in content.images.items {
            // PNG, JPEG, GIF and WebP are compressed already.
            archive.add(
                root + image.href, bytes: image.bytes,
                isCompressed: image.mediaType == "image/svg+xml")
        }
        return archive
    }

    /// Every chapter's XHTML, rendered on every core; each chapter's messages are reported in
    /// chapter order, so they never vary from run to run.
    private func renderAll(
        _ content: EPUBContent, _ book: EPUBBook, _ package: EPUBPackage, _ context: WriteContext
    ) throws(WriteError) -> [String] {
        let count = content.chapters.count
        let results = Mutex(
            [(Result<String, WriteError>, [Diagnostic])?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var local = context
            local.diagnostics = DiagnosticSink()
            let result = Result { () throws(WriteError) -> String in
                try render(content.chapters[index], source: book.chapters[index], package, local)
            }
            let messages = local.diagnostics.drain()
            results.withLock { $0[index] = (result, messages) }
        }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for entry in results.withLock({ $0 }) {
            guard let (result, messages) = entry else { continue }
            for message in messages { context.diagnostics.report(message) }
            texts.append(try result.get())
        }
        return texts
    }

    /// A chapter's XHTML.
    ///
    /// Markdown hands over inline raw HTML one tag at a time, so tags the
    /// author left unbalanced can break well-formedness; then the inline tags are kept as text.
    private func render(
        _ chapter: EPUBContent.Chapter, source: EPUBBook.Chapter, _ package: EPUBPackage,
        _ context: WriteContext
    ) throws(WriteError) -> String {
        let file = source.fileName
        let raw = EPUBRawHTML(
            site: context.site, diagnostics: context.diagnostics, file: file,
            sourceMap: source.sourceMap)
        let hook = rawHTML ?? { raw.convert($0, isBlock: $1) }
        let text = package.chapter(chapter, renderer: HTMLRenderer(flavor: .xhtml, rawHTML: hook))
        guard !XMLCheck.problems(in: text).isEmpty else { return text }
        context.diagnostics.warn(
            "inline raw HTML tags are not balanced; kept as text in the EPUB", file: file)
        let escaped = package.chapter(
            chapter,
            renderer: HTMLRenderer(
                flavor: .xhtml, rawHTML: { $1 ? hook($0, true) : HTMLEscape.text($0) }))
        guard let problem = XMLCheck.problems(in: escaped).first else { return escaped }
        // Last resort, so that one post never stops a book: every piece of raw HTML as text.
        let asText = package.chapter(
            chapter, renderer: HTMLRenderer(flavor: .xhtml, rawHTML: { html, _ in HTMLEscape.text(html) }))
        if XMLCheck.problems(in: asText).isEmpty {
            context.diagnostics.warn(
                "raw HTML would make the EPUB's XHTML invalid; all of it kept as text", file: file)
            return asText
        }
        throw .unsupported(
            format: "epub",
            reason: "\(file.map { "\($0): " } ?? "")\(chapter.file) is not well-formed XML: \(problem)")
    }

    /// The theme's `epub` stylesheet (`themes/<name>/epub.css`, from `default` when the theme
    /// has none).
    private func stylesheet(in context: WriteContext) throws(WriteError) -> String {
        let location = context.theme.directory ?? "(built-in)"
        guard context.theme.template(for: "epub") != nil else {
            throw .theme(path: location, line: nil, reason: "theme has no epub.css")
        }
        do {
            return try context.theme.render("epub", values: [:])
        } catch {
            throw .theme(path: location, line: nil, reason: "\(error)")
        }
    }
}
