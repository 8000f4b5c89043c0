import LwkdModel
import LwkdXML

/// One feed entry, resolved from a post: everything the XML needs, as plain values.
///
/// The summary and content are rendered (``render()``) only for the entries the feed keeps, so
/// posts beyond `--limit` cost no rendering.
struct AtomEntry: Sendable {
    /// The jekyll-feed id, `https://lwkd.info/2026/2026-08-16-update`.
    var id: String
    var title: String
    /// The permalink, `https://lwkd.info/2026/20260820`.
    var link: String
    var published: PostDate
    var updated: PostDate
    var authors: [String]
    /// The file name, for ordering ties (as Jekyll does) and messages.
    var fileName: String
    var site: Site
    /// The post the entry comes from (the content policy applied once the feed keeps it).
    var post: Post
    var blocks: [Block] { post.document.blocks }

    /// The plain-text summary; set by ``render()``.
    var summary: String?
    /// The entry's HTML; set by ``render()``.
    var content = ""

    /// Renders the summary and the content of the post as it is now (the content policy
    /// applied).
    mutating func render() {
        summary = AtomSummary.text(of: blocks)
        content = renderedContent
    }

    /// HTML with every URL absolute, fragments included (many feed-to-email tools ignore
    /// xml:base), and raw HTML through the same sanitiser as e-mail and EPUB.
    private var renderedContent: String {
        let resolver = AbsoluteURLResolver(site: site, permalink: link)
        let resolve: @Sendable (String) -> String = { resolver.resolve($0) }
        let sanitizer = HTMLSanitizer(flavor: .html, rewriteURL: resolve)
        let renderer = HTMLRenderer(
            flavor: .html, resolveURL: resolve,
            rawHTML: { html, isBlock in sanitizer.sanitize(html, isBlock: isBlock).html })
        return renderer.render(blocks)
    }
}

extension AtomEntry {
    /// Resolves a post into an entry from its facts.
    ///
    /// An undated post (already reported when its facts were computed) is dated by the
    /// context's clock, else the Unix epoch: writers accept every document, and `--strict`
    /// turns the warning into a failure.
    static func resolve(_ post: Post, feed: FeedInfo, context: WriteContext) -> AtomEntry {
        let facts = post.facts
        let meta = post.document.meta
        let site = context.site
        let date = facts.instant(or: context.now)
        // jekyll-feed: <id>{{ post.id | absolute_url }}</id>, post.id = dirname(url) + "/" + slug.
        let id = facts.id ?? "\(site.baseURL)/\(date.utc.year)/\(facts.slug)"
        return AtomEntry(
            id: AtomText.escapedIRI(id), title: facts.title,
            link: facts.permalink ?? site.baseURL + Site.permalinkPath(for: date),
            published: date,
            updated: updated(of: meta, published: date, file: post.file, context: context),
            authors: authors(of: meta, default: feed.authorName), fileName: meta.fileName ?? "",
            site: site, post: post)
    }
}

private extension AtomEntry {
    /// jekyll-feed: `post.last_modified_at | default: post.date`.
    static func updated(of meta: Meta, published: PostDate, file: String?, context: WriteContext)
        -> PostDate
    {
        guard let text = meta["last_modified_at"]?.plainText else { return published }
        guard let date = PostDate(parsing: text), date >= published else {
            context.diagnostics.warn(
                "'last_modified_at: \(text)' is not a date after the post's date; ignored",
                file: file)
            return published
        }
        return date
    }
    static func authors(of meta: Meta, default name: String) -> [String] {
        var names: [String] = []
        switch meta["author"] ?? meta["authors"] {
        case .list(let items)?: names = items.compactMap { $0.plainText }
        case let value?: names = value.plainText.map { [$0] } ?? []
        case nil: break
        }
        names = names.map(AtomText.collapsed).filter { !$0.isEmpty }
        return names.isEmpty ? [name] : names
    }
}
