import LwkdModel

/// EPUB 3.3: one post as a small book, or a year's posts as a digest with one chapter per post.
///
/// Chapters are rendered by ``HTMLRenderer`` in its XHTML flavour; the writer adds the title
/// page, navigation document, NCX, package document and container, and zips them
/// reproducibly (fixed member order, timestamps from the post's date).
public struct EPUBWriter: Writer {
    public let format = "epub"
    public let aliases = ["epub3"]
    public let fileExtension = "epub"
    public let isBinary = true
    public let summary = "EPUB 3.3 e-book (images embedded from --resource-path)"

    /// Turns raw HTML into XHTML; nil escapes it as text.
    public var rawHTML: (@Sendable (String, Bool) -> String)?

    /// Creates the writer.
    public init(rawHTML: (@Sendable (String, Bool) -> String)? = nil) {
        self.rawHTML = rawHTML
    }

    public func write(_ document: Document, in context: WriteContext) throws(WriteError) -> Output {
        try build(EPUBBook(post: document, in: context), in: context)
    }

    /// Writes a digest: a title page, then one chapter per post, with a two-level table of
    /// contents (posts, then their sections).
    public func write(digest: Digest, in context: WriteContext) throws(WriteError) -> Output {
        try build(EPUBBook(digest: digest, in: context), in: context)
    }

    private func build(_ book: EPUBBook, in context: WriteContext) throws(WriteError) -> Output {
        let content = try EPUBContent(book: book, in: context)
        let package = EPUBPackage(book: book, content: content, generator: context.generator)
        let renderer = HTMLRenderer(flavor: .xhtml, rawHTML: rawHTML)
        var archive = EPUBArchive()
        let root = EPUBPackage.root
        archive.add("META-INF/container.xml", text: EPUBPackage.container)
        archive.add(root + "package.opf", text: package.packageDocument())
        archive.add(root + "nav.xhtml", text: package.navigationDocument())
        archive.add(root + "toc.ncx", text: package.ncx())
        archive.add(root + "style.css", text: EPUBStylesheet.css)
        archive.add(root + "titlepage.xhtml", text: package.titlePage())
        for chapter in content.chapters {
            archive.add(root + chapter.file, text: package.chapter(chapter, renderer: renderer))
        }
        for image in content.images.items {
            // PNG, JPEG, GIF and WebP are compressed already.
            archive.add(
                root + image.href, bytes: image.bytes,
                isCompressed: image.mediaType == "image/svg+xml")
        }
        return .binary(try archive.zipped(modified: book.modified))
    }
}
