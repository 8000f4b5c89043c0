import LwkdModel

/// Everything the package files need, gathered before anything is rendered: the book's
/// metadata and its chapters (one per post).
struct EPUBBook {
    /// One post.
    struct Chapter {
        var title: String
        var date: PostDate?
        var permalink: String?
        var blocks: [Block]
        /// The source file, for messages.
        var fileName: String?
    }

    var title: String
    /// The title page's heading.
    var titlePageHeading: String
    /// Lines under the heading on the title page.
    var subtitleLines: [String]
    var identifier: String
    var language: String
    var creators: [String]
    var publisher: String
    var date: PostDate?
    var modified: PostDate
    var source: String?
    var isDigest: Bool
    var chapters: [Chapter]
    /// Finds the chapter a permalink belongs to (chapter i is post i).
    var posts: Digest
}

extension EPUBBook {
    /// A book of one post.
    init(post: Document, in context: WriteContext) {
        let meta = post.meta
        let title = Digest.title(of: post)
        let permalink = context.site.permalink(of: meta)
        var lines = [context.site.name]
        if let date = meta.date { lines.append(Digest.longDate(date)) }
        self.init(
            title: title, titlePageHeading: title, subtitleLines: lines,
            identifier: NameBasedUUID.urn(
                forURL: permalink ?? "urn:lwkdconv:post:" + (meta.slug ?? title)),
            language: EPUBBook.language(meta: meta, in: context),
            creators: EPUBBook.names(meta["author"] ?? meta["authors"]) ?? [context.site.name],
            publisher: meta["publisher"]?.plainText ?? context.site.name,
            date: meta.date,
            modified: EPUBBook.modified(latest: meta.date, in: context, file: meta.fileName),
            source: permalink, isDigest: false,
            chapters: [
                Chapter(
                    title: title, date: meta.date, permalink: permalink, blocks: post.blocks,
                    fileName: meta.fileName)
            ],
            posts: Digest(year: meta.date?.utc.year ?? 0, posts: [post], site: context.site))
    }

    /// A book of a year's posts.
    init(digest: Digest, in context: WriteContext) {
        let chapters = digest.posts.map { post in
            Chapter(
                title: Digest.title(of: post), date: post.meta.date,
                permalink: context.site.permalink(of: post.meta), blocks: post.blocks,
                fileName: post.meta.fileName)
        }
        let first = digest.posts.first?.meta ?? Meta()
        let digestURL = "\(context.site.baseURL)/\(digest.year)/#lwkdconv-digest"
        self.init(
            title: digest.title, titlePageHeading: digest.site.name,
            subtitleLines: ["\(digest.year) digest", digest.summary],
            identifier: NameBasedUUID.urn(forURL: digestURL),
            language: EPUBBook.language(meta: first, in: context),
            creators: [context.site.name], publisher: context.site.name,
            date: digest.dateRange?.last,
            modified: EPUBBook.modified(latest: digest.dateRange?.last, in: context, file: nil),
            source: nil, isDigest: true, chapters: chapters, posts: digest)
    }

    private static func names(_ value: MetaValue?) -> [String]? {
        switch value {
        case .list(let items)?:
            let names = items.compactMap(\.plainText).filter { !$0.isEmpty }
            return names.isEmpty ? nil : names
        case let value?: return value.plainText.flatMap { $0.isEmpty ? nil : [$0] }
        case nil: return nil
        }
    }

    /// `dcterms:modified` comes from the post (or the context's fixed clock), never from the
    /// system clock, so the same input gives the same bytes.
    private static func modified(latest: PostDate?, in context: WriteContext, file: String?)
        -> PostDate
    {
        if let now = context.now { return now }
        if let latest { return latest }
        context.diagnostics.warn(
            "post has no date; the EPUB's modification date is set to 2000-01-01", file: file)
        return PostDate(year: 2000, month: 1, day: 1)
    }

    /// `-V lang=…`, else the post's `lang:`, else `en`; anything that is not a BCP 47 tag is
    /// replaced by `en` with a warning (EPUB 3.3 requires a well-formed language tag).
    private static func language(meta: Meta, in context: WriteContext) -> String {
        guard let tag = context.variables["lang"] ?? meta["lang"]?.plainText else { return "en" }
        if isLanguageTag(tag) { return tag }
        context.diagnostics.warn(
            "'\(tag)' is not a BCP 47 language tag; using 'en'", file: meta.fileName)
        return "en"
    }

    /// RFC 5646 syntax, simplified: a 2–3 or 5–8 letter language, then 1–8 character subtags.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, [2, 3, 5, 6, 7, 8].contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count)
                && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
