import LwkdMail
import LwkdModel
import LwkdThemes
import LwkdXML

/// An HTML e-mail body: the theme's `html-email` template around the post, every style
/// inlined, every URL absolute, a hidden preheader, and a footer with unsubscribe and
/// "view online" links.
///
/// Layout follows what Gmail, Apple Mail and Outlook render alike: one column in a 600 px
/// table container, system fonts, no scripts, no external CSS. The output should stay under
/// Gmail's clipping limit (``sizeBudget``); a larger message gets a warning naming its size.
public struct HTMLEmailWriter: Writer {
    public let format = "html-email"
    public let aliases = ["email"]
    public let fileExtensions = ["email.html"]
    public let isBinary = false
    public var usesTheme: Bool { true }
    public var linksWithinDocument: Bool { false }
    public let summary = "HTML e-mail (themed, inlined styles, 600 px)"

    /// The placeholder a sending service fills in per recipient; pass it as `unsubscribeURL`
    /// (`--unsubscribe-url '{{unsubscribe_url}}'`) to have it written verbatim.
    public static let unsubscribePlaceholder = "{{unsubscribe_url}}"
    /// Gmail clips messages whose HTML exceeds about 102 KB (counted here as 102,000 bytes).
    public static let gmailClipBytes = 102_000

    /// The unsubscribe link; nil writes a `mailto:` to ``fromAddress`` asking to unsubscribe
    /// (``ListUnsubscribe/mailto(_:)``),
    /// which works in every client and keeps every link absolute (a bare placeholder would not).
    public var unsubscribeURL: String?
    /// The sender, for the default `mailto:` unsubscribe link.
    public var fromAddress: String
    /// The size above which a warning is reported.
    public var sizeBudget: Int

    /// Creates the writer.
    public init(
        unsubscribeURL: String? = nil, fromAddress: String = "lwkd@lwkd.info",
        sizeBudget: Int = HTMLEmailWriter.gmailClipBytes
    ) {
        self.unsubscribeURL = unsubscribeURL
        self.fromAddress = fromAddress
        self.sizeBudget = sizeBudget
    }

    public func configured(_ options: WriterOptions) -> any Writer {
        HTMLEmailWriter(
            unsubscribeURL: options.unsubscribeURL ?? unsubscribeURL,
            fromAddress: options.fromAddress ?? fromAddress, sizeBudget: sizeBudget)
    }

    /// A digest by e-mail is its appendix alone (``Digest/mailPost(format:in:)``).
    public func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError)
        -> Output
    {
        try write(digest.mailPost(format: format, in: context), in: context)
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let html = try render(post, in: context)
        HTMLEmailWriter.checkSize(html, budget: sizeBudget, post: post, in: context)
        return .text(html)
    }

    /// Warns when a message is over the clipping size, naming the post.
    static func checkSize(_ html: String, budget: Int, post: Post, in context: WriteContext) {
        let size = html.utf8.count
        guard size > budget else { return }
        context.diagnostics.warn(
            "HTML e-mail is \(size) bytes; Gmail clips messages over \(budget) bytes",
            file: post.file)
    }

    /// The complete HTML document.
    func render(_ post: Post, in context: WriteContext) throws(WriteError) -> String {
        let theme = context.theme
        let site = context.site
        let resolver = AbsoluteURLResolver(site: site, permalink: post.facts.permalink)
        let sanitizer = HTMLSanitizer(flavor: .html, rewriteURL: { resolver.resolve($0) })
        let diagnostics = context.diagnostics
        let renderer = HTMLRenderer(
            flavor: .html, resolveURL: { resolver.resolve($0) },
            rawHTML: { html, isBlock in
                let result = sanitizer.sanitize(html, isBlock: isBlock)
                for removal in result.removals {
                    diagnostics.warn(
                        "raw HTML: removed \(removal.what) in \(EmailValues.snippet(html, line: removal.line))"
                    )
                }
                return result.html
            })
        let stylesheet = CSSStylesheet(parsing: theme.stylesheet)
        for selector in stylesheet.skippedSelectors {
            diagnostics.warn(
                "theme \(theme.name): selector '\(selector)' cannot be inlined; ignored")
        }
        var values = EmailValues.make(for: post, context: context, renderer: renderer)
        if let unsubscribeURL {
            values["unsubscribe_url"] = unsubscribeURL
        } else {
            let sender = try MailAddress(checking: fromAddress, header: "From", format: format)
            values["unsubscribe_url"] = ListUnsubscribe.mailto(sender)
        }
        let inliner = CSSInliner(stylesheet: stylesheet)
        values["responsive_css"] = ([inliner.clientDefaultRules] + stylesheet.mediaBlocks)
            .filter { !$0.isEmpty }.joined(separator: "\n")
        var page: String
        do {
            page = try theme.render(format, values: values)
        } catch {
            throw .theme(
                path: error.path ?? theme.name, line: error.line, reason: error.description)
        }
        values = [:]
        let serializer = InliningSerializer(
            inliner: inliner, prefix: "<!DOCTYPE html>\n", expected: page.utf8.count)
        HTMLParser.parse(page, into: serializer)
        page = ""
        guard serializer.hasRoot else {
            throw .theme(
                path: theme.template(for: format)?.path ?? theme.name, line: nil,
                reason: "template output is not HTML")
        }
        return serializer.finish("\n")
    }
}

extension MailAddress {
    /// Parses a mailbox given to a writer, refusing one that cannot be used.
    ///
    /// - Throws: ``WriteError/unsupported(format:reason:)`` naming the header and the problem.
    init(checking text: String, header: String, format: String) throws(WriteError) {
        self.init(parsing: text)
        if let problem {
            throw .unsupported(
                format: format, reason: "\(header) address '\(text)' is not usable: \(problem)")
        }
    }
}
