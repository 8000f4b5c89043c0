import LwkdModel

/// One feed entry, resolved from a post: everything the XML needs, as plain values.
///
/// The summary and content are computed when written, so posts beyond `--limit` cost no
/// rendering.
struct AtomEntry {
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
    var blocks: [Block]
    var site: Site

    var summary: String? { AtomSummary.text(of: blocks) }

    /// HTML with every URL absolute, fragments included: many feed-to-email tools ignore
    /// xml:base.
    var content: String {
        let (site, link) = (site, link)
        // TODO(#4): raw HTML goes through unchanged; hand it to the e-mail branch's sanitiser
        // (rawHTML hook, rewriting its URLs the same way) once that lands on main.
        let renderer = HTMLRenderer(
            flavor: .html,
            resolveURL: { $0.isEmpty || $0.hasPrefix("#") ? link + $0 : site.absolute($0) })
        return renderer.render(blocks)
    }
}

/// The date and slug a post is published under.
struct EntryDating {
    var date: PostDate
    var slug: String?
    /// Set when the date was inferred from the title, for the warning.
    var isFromTitle: Bool
}

extension AtomEntry {
    /// Resolves a post into an entry.
    ///
    /// A post with no date at all (no `date:`, no dated file name, no "Week Ending" title) is
    /// dated by the context's clock, else the Unix epoch, with a warning: writers accept every
    /// document, and `--strict` turns the warning into a failure.
    static func resolve(_ document: Document, feed: AtomFeedInfo, context: WriteContext)
        -> AtomEntry
    {
        let meta = document.meta
        let site = context.site
        let place = meta.fileName
        let title = entryTitle(of: document, diagnostics: context.diagnostics)
        warnAboutInvalidDate(meta, diagnostics: context.diagnostics)
        let dating = dating(of: meta, title: title) ?? undated(meta, context: context)
        let date = dating.date
        let slug = dating.slug ?? "\(date.isoDay)-update"
        if dating.isFromTitle {
            context.diagnostics.warn(
                "no date in the front matter or file name; dated \(date.isoDay) from the title "
                    + "'\(title)' with slug \(slug) (set -M date=… -M slug=… to override)",
                file: place)
        }
        // jekyll-feed: <id>{{ post.id | absolute_url }}</id>, post.id = dirname(url) + "/" + slug.
        var idMeta = meta
        idMeta["date"] = .date(text: date.rfc3339)
        idMeta["slug"] = .string(value: slug)
        let id = site.entryID(of: idMeta).map(AtomText.escapedIRI) ?? site.baseURL
        let link = site.baseURL + Site.permalinkPath(for: date)
        return AtomEntry(
            id: id, title: title, link: link, published: date,
            updated: updated(of: meta, published: date, diagnostics: context.diagnostics),
            authors: authors(of: meta, default: feed.authorName), fileName: meta.fileName ?? "",
            blocks: document.blocks, site: site)
    }

    /// The post's date and slug: Jekyll's (front matter, else file name), else the title's
    /// "Week Ending" date with the newsletter's slug pattern.
    static func dating(of meta: Meta, title: String?) -> EntryDating? {
        if let date = meta.date {
            return EntryDating(date: date, slug: meta.slug, isFromTitle: false)
        }
        guard let date = PostDate.weekEnding(in: title ?? meta.title ?? "") else { return nil }
        let explicit = meta["slug"]?.plainText.flatMap { $0.isEmpty ? nil : $0 }
        return EntryDating(date: date, slug: explicit, isFromTitle: true)
    }

    /// The fallback for a post with no date: the context's clock, else the Unix epoch.
    static func undated(_ meta: Meta, context: WriteContext) -> EntryDating {
        let date = context.now ?? PostDate(year: 1970, month: 1, day: 1)
        context.diagnostics.warn(
            "the post has no date (no 'date:', no YYYY-MM-DD- file name, no 'Week Ending …' title); "
                + "dated \(date.rfc3339) in the feed: give one with -M date=YYYY-MM-DD",
            file: meta.fileName)
        return EntryDating(date: date, slug: meta.slug, isFromTitle: false)
    }

    /// The `title:`, else the first heading or first line of the body (with a warning).
    static func entryTitle(of document: Document, diagnostics: DiagnosticSink) -> String {
        if let title = document.meta.title.map(AtomText.collapsed), !title.isEmpty { return title }
        let fallback = firstLine(of: document.blocks) ?? "Untitled"
        diagnostics.warn(
            "no 'title:' in the front matter; using '\(fallback)'", file: document.meta.fileName)
        return fallback
    }

    /// The text of the first heading, or of the first line of the first paragraph.
    static func firstLine(of blocks: [Block]) -> String? {
        for block in blocks {
            switch block {
            case .heading(_, _, _, let content), .paragraph(let content):
                let line = content.prefix { $0 != .softBreak && $0 != .hardBreak }
                let text = AtomText.collapsed(Array(line).plainText)
                if !text.isEmpty { return text }
            case .bulletList, .orderedList, .blockQuote, .codeBlock, .thematicBreak, .rawBlock,
                .table:
                continue
            }
        }
        return nil
    }
}

private extension AtomEntry {
    static func warnAboutInvalidDate(_ meta: Meta, diagnostics: DiagnosticSink) {
        guard let text = meta["date"]?.plainText, PostDate(parsing: text) == nil else { return }
        if let date = PostDate(parsingAsJekyll: text) {
            diagnostics.warn(
                "'date: \(text)' is not a calendar date; read as \(date.isoDay) as Jekyll does",
                file: meta.fileName)
        } else {
            let fallback = meta.date.map { "the file name's date \($0.isoDay)" } ?? "no date"
            diagnostics.warn(
                "'date: \(text)' is not a valid date; using \(fallback)", file: meta.fileName)
        }
    }

    /// jekyll-feed: `post.last_modified_at | default: post.date`.
    static func updated(of meta: Meta, published: PostDate, diagnostics: DiagnosticSink) -> PostDate
    {
        guard let text = meta["last_modified_at"]?.plainText else { return published }
        guard let date = PostDate(parsing: text), date >= published else {
            diagnostics.warn(
                "'last_modified_at: \(text)' is not a date after the post's date; ignored",
                file: meta.fileName)
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
