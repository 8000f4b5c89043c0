import LwkdModel

/// Everything the package files need, gathered before anything is rendered: the book's
/// metadata and its chapters (one per post).
struct EPUBBook {
    /// One post, a year's part page, or an appendix chapter.
    struct Chapter {
        /// What the chapter is.
        enum Role: Equatable {
            case post(index: Int)
            case part(year: Int)
            case appendix
        }

        var role: Role = .post(index: 0)
        var title: String
        var date: PostDate?
        var permalink: String?
        var blocks: [Block]
        /// The source file, for messages.
        var fileName: String?
        /// Where the chapter's links and images came from.
        var sourceMap: SourceMap
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
    /// Finds the post a permalink belongs to.
    var posts: Digest
    /// How dates are shown.
    var dateStyle: DateStyle
    /// The chapter of each post (nil when the book leaves the post out).
    var chapterOfPost: [Int?] = []
    /// The cover, when the book has one.
    var cover: EPUBCover?
}

extension EPUBBook {
    /// A book of one post.
    init(post: Post, in context: WriteContext) {
        let meta = post.document.meta
        let facts = post.facts
        var lines = [context.site.name]
        if let date = facts.date { lines.append(context.dateStyle.format(date)) }
        self.init(
            title: facts.title, titlePageHeading: facts.title, subtitleLines: lines,
            identifier: NameBasedUUID.urn(
                forURL: facts.permalink ?? "urn:lwkdconv:post:" + facts.slug),
            language: EPUBBook.language(meta: meta, in: context),
            creators: EPUBBook.names(meta["author"] ?? meta["authors"]) ?? [context.site.name],
            publisher: meta["publisher"]?.plainText ?? context.site.name,
            date: facts.date,
            modified: facts.instant(or: context.now),
            source: facts.permalink, isDigest: false,
            chapters: [EPUBBook.chapter(of: post, index: 0)],
            posts: Digest(year: facts.date?.utc.year ?? 0, posts: [post], site: context.site),
            dateStyle: context.dateStyle, chapterOfPost: [0])
    }

    /// A book of a year's posts.
    init(digest: Digest, in context: WriteContext) {
        let first = digest.posts.first?.document.meta ?? Meta()
        let digestURL =
            digest.hasParts
            ? "\(context.site.baseURL)/\(digest.yearsText)/#lwkdconv-digest"
            : "\(context.site.baseURL)/\(digest.year)/#lwkdconv-digest"
                + (digest.isAppendixOnly ? "-appendix" : "")
        let last = digest.dateRange?.last
        var chapters: [Chapter] = []
        var chapterOfPost = [Int?](repeating: nil, count: digest.posts.count)
        for part in digest.parts {
            if digest.hasParts {
                chapters.append(
                    Chapter(
                        role: .part(year: part.year), title: String(part.year), date: nil,
                        permalink: nil, blocks: [], fileName: nil, sourceMap: SourceMap()))
            }
            if !digest.isAppendixOnly {
                for index in part.postIndices {
                    chapterOfPost[index] = chapters.count
                    chapters.append(EPUBBook.chapter(of: digest.posts[index], index: index))
                }
            }
            for appendix in part.appendix {
                chapters.append(
                    Chapter(
                        role: .appendix,
                        title: digest.hasParts ? "\(appendix.title) \(part.year)" : appendix.title,
                        date: nil, permalink: nil, blocks: appendix.blocks, fileName: nil,
                        sourceMap: SourceMap()))
            }
        }
        let kind = digest.isAppendixOnly ? "appendix" : "digest"
        self.init(
            title: digest.isAppendixOnly ? digest.title + " (appendix)" : digest.title,
            titlePageHeading: digest.site.name,
            subtitleLines: [
                "\(digest.yearsText) \(kind)", digest.summary(style: context.dateStyle),
            ],
            identifier: NameBasedUUID.urn(forURL: digestURL),
            language: EPUBBook.language(meta: first, in: context),
            creators: [context.site.name], publisher: context.site.name,
            date: last,
            modified: context.now ?? last ?? PostDate(year: 1970, month: 1, day: 1),
            source: nil, isDigest: true, chapters: chapters,
            posts: digest, dateStyle: context.dateStyle, chapterOfPost: chapterOfPost)
    }

    private static func chapter(of post: Post, index: Int) -> Chapter {
        Chapter(
            role: .post(index: index), title: post.facts.title, date: post.facts.date,
            permalink: post.facts.permalink,
            blocks: post.document.blocks, fileName: post.file, sourceMap: post.sourceMap)
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
