import LwkdModel

/// Reads Markdown posts with Jekyll front matter, parsing the body with cmark-gfm and the table,
/// strikethrough, autolink and tasklist extensions.
public struct MarkdownReader: Reader {
    public let format = "markdown"
    public let aliases = ["md", "gfm", "commonmark"]
    public let summary = "Markdown (GFM) post with Jekyll front matter"

    /// Container nesting deeper than this is flattened into its parent, with a warning, so that
    /// pathological input cannot make any later recursive pass overflow the stack.
    public var maximumDepth: Int

    /// A body longer than this is parsed a piece at a time, where pieces parse exactly as the
    /// whole (``MarkdownPieces``), so cmark-gfm's tree of a long post is never all in memory.
    /// The tests set it low to compare pieces with the whole on short posts.
    public var pieceSize: Int

    /// Creates a reader.
    public init(maximumDepth: Int = 64, pieceSize: Int = MarkdownPieces.defaultSize) {
        self.maximumDepth = maximumDepth
        self.pieceSize = pieceSize
    }

    public func read(_ source: Source, in context: ReadContext) throws(ReadError) -> Document {
        try readMapped(source, in: context).0
    }

    public func readMapped(_ source: Source, in context: ReadContext) throws(ReadError) -> (
        Document, SourceMap
    ) {
        let path = source.path ?? "-"
        let front = try FrontMatter.split(source.text, path: path)
        let converter = CmarkConverter(
            body: front.body, lineOffset: front.bodyLineOffset, path: path,
            maximumDepth: maximumDepth, diagnostics: context.diagnostics,
            recordsOutline: context.recordsOutline, keepsInlines: context.keepsInlines,
            pieceSize: pieceSize)
        let meta = Meta(
            entries: front.entries, hasFrontMatter: front.isPresent, fileName: source.fileName)
        // The converter normalises each block as it builds it.
        let document = Document(meta: meta, blocks: converter.convert())
        var map = SourceMap(
            file: source.path, metaLines: front.keyLines, headerLine: 1,
            blocks: converter.blockRanges, links: converter.links, images: converter.images,
            rawHTML: converter.rawHTML)
        map.outline = converter.outline
        return (document, map)
    }
}
