import LwkdModel
import LwkdXML

/// The e-mail body as Buttondown takes it (`--to buttondown`, and `send --buttondown`): the
/// post's Markdown without its front matter, the edition's date line where the web header was,
/// every link and image absolute against the site, and whatever Buttondown's Markdown would
/// read differently written as HTML (see ``ButtondownMarkdown``).
public struct ButtondownWriter: Writer {
    public let format = "buttondown"
    public let aliases: [String] = []
    public let fileExtensions = ["buttondown.md"]
    public let isBinary = false
    public let summary = "Markdown e-mail body for Buttondown (no front matter, absolute links)"
    /// An e-mail has no page to point into: fragment links go to the post's web page.
    public var linksWithinDocument: Bool { false }
    public var isNewsletterBody: Bool { true }

    /// Creates the writer.
    public init() {}

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        .text(body(post, in: context))
    }

    /// The body text (Markdown with some HTML), ending in one newline.
    public func body(_ post: Post, in context: WriteContext) -> String {
        let resolver = AbsoluteURLResolver(site: context.site, permalink: post.facts.permalink)
        let diagnostics = context.diagnostics
        let sanitizer = HTMLSanitizer(flavor: .html, rewriteURL: { resolver.resolve($0) })
        let rawHTML: @Sendable (String, Bool) -> String = { html, isBlock in
            let result = sanitizer.sanitize(html, isBlock: isBlock)
            for removal in result.removals {
                diagnostics.warn("raw HTML: removed \(removal.what) (Buttondown body)")
            }
            return result.html
        }
        let convert = ButtondownMarkdown.converter(
            resolve: { resolver.resolve($0) }, rawHTML: rawHTML)
        let dateLine = Self.dateLine(post.facts, style: context.dateStyle)
        let source = post.document.blocks
        var renderer = MarkdownRenderer(diagnostics: context.diagnostics)
        renderer.continuationIndent = ButtondownMarkdown.continuationIndent
        // Each block converted as it is written.
        renderer.writeBlocks(
            (-1..<source.count).lazy.flatMap { $0 < 0 ? [dateLine] : convert(source[$0]) },
            tight: false)
        return renderer.layout.out
    }

    /// The line the web page's header (title and date, from the front matter) gave readers:
    /// `*Week Ending July 26, 2026*`, else the title.
    static func dateLine(_ facts: PostFacts, style: DateStyle) -> Block {
        let text = facts.weekEnding.map { "Week Ending " + style.format($0) } ?? facts.title
        return .paragraph(content: [.emphasis(content: ButtondownMarkdown.protect(text))])
    }
}
