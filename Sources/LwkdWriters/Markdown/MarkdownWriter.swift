import LwkdModel

/// Normalised GFM that round-trips: reading what it writes gives the same model, and writing
/// that again gives the same bytes.
///
/// The author's recorded choices are kept (bullet markers, setext or ATX headings, fenced or
/// indented code); paragraphs are never re-wrapped; only what must be escaped is escaped.
public struct MarkdownWriter: Writer {
    public let format = "markdown"
    public let aliases = ["md", "gfm"]
    public let fileExtensions = ["md", "markdown"]
    public let isBinary = false
    public let summary = "GFM Markdown with Jekyll front matter (round-trips)"
    public var preservesSource: Bool { true }

    /// Creates the writer.
    public init() {}

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let document = post.document
        var renderer = MarkdownRenderer(diagnostics: context.diagnostics)
        if document.meta.hasFrontMatter {
            var yaml = YAMLFrontMatter.render(document.meta.entries)
            if yaml.hasSuffix("\n") { yaml.removeLast() }
            renderer.layout.line("---", mode: .literal)
            if !yaml.isEmpty { renderer.layout.lines(yaml, mode: .literal) }
            renderer.layout.line("---", mode: .literal)
            if !document.blocks.isEmpty { renderer.layout.blankLine() }
        }
        renderer.writeBlocks(document.blocks, tight: false)
        return .text(renderer.layout.out)
    }
}
