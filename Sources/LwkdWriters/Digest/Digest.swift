import LwkdModel

/// A year's posts gathered into one book: the input of `lwkdconv digest`.
///
/// Each writer says what a digest means for it (``Writer/writeDigest(_:in:)``): EPUB renders one
/// chapter per post, Atom the posts' feed, and the default is ``post(in:linksWithinDocument:)``,
/// one document with each post as a top-level section.
public struct Digest: Sendable {
    /// The year the posts belong to (by their permalink's UTC date).
    public let year: Int
    /// The posts, sorted by date, then by file name.
    public private(set) var posts: [Post]
    /// The site the posts come from (newsletter name, permalinks).
    public let site: Site
    private let permalinkIndex: [String: Int]

    /// Creates a digest; the posts are sorted by date (undated ones last), then by file name.
    public init(year: Int, posts: [Post], site: Site = .lwkd) {
        self.year = year
        self.site = site
        self.posts = posts.enumerated().sorted { a, b in
            switch (a.element.facts.date, b.element.facts.date) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                let (n, m) = (a.element.facts.fileName ?? "", b.element.facts.fileName ?? "")
                return n != m ? n < m : a.offset < b.offset
            }
        }.map(\.element)
        permalinkIndex = Digest.permalinkIndex(of: self.posts)
    }

    /// The book's title, such as `Last Week in Kubernetes Development: 2022`.
    public var title: String { "\(site.name): \(year)" }

    /// The first and last post dates, when any post has a date.
    public var dateRange: (first: PostDate, last: PostDate)? {
        let dates = posts.compactMap(\.facts.date)
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return (first, last)
    }

    /// One line for the title page: `45 issues, January 11 – December 13, 2022`.
    public func summary(style: DateStyle) -> String {
        let count = posts.count == 1 ? "1 issue" : "\(posts.count) issues"
        guard let (first, last) = dateRange else { return count }
        return "\(count), \(style.formatRange(first, last))"
    }

    /// The post a link points to when it is one of this digest's permalinks (absolute, or
    /// site-root-relative): its index and the fragment, if any.
    public func post(linkedBy url: String) -> (index: Int, fragment: String?)? {
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        var path = rest
        if !rest.hasPrefix("/") || rest.hasPrefix("//") {
            let host = site.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            let prefixes = ["https://", "http://", "//"].flatMap {
                [$0 + host, $0 + "www." + host]
            }
            guard !host.isEmpty,
                let prefix = prefixes.first(where: { rest.lowercased().hasPrefix($0) })
            else { return nil }
            path = rest.dropFirst(prefix.count)
        }
        for suffix in ["/index.html", ".html", "/"] where path.hasSuffix(suffix) {
            path = path.dropLast(suffix.count)
        }
        guard let index = permalinkIndex[String(path)] else { return nil }
        return (index, fragment?.isEmpty == true ? nil : fragment)
    }

    /// The combined post for formats without a digest form of their own, each post a level-1
    /// section.
    ///
    /// A summary paragraph comes first; a post that uses level-1 headings itself has its headings
    /// shifted one level down. Links between the posts point to their sections when
    /// `linksWithinDocument` is true (not for e-mail or plain text, where fragment links do not
    /// work).
    public func post(in context: WriteContext, linksWithinDocument: Bool = true) -> Post {
        let style = context.dateStyle
        var ids = HeadingIDs()
        var anchors: [String] = []
        for post in posts { anchors.append(ids.make(for: post.facts.title)) }
        var blocks: [Block] = [.paragraph(content: [.text(text: summary(style: style))])]
        for (index, entry) in posts.enumerated() {
            let post = entry.document
            let shift =
                post.blocks.contains { if case .heading(1, _, _, _) = $0 { true } else { false } }
                ? 1 : 0
            blocks.append(
                .heading(
                    level: 1, style: .atx, attr: Attr(identifier: anchors[index]),
                    content: [.text(text: entry.facts.title)]))
            var byline: [Inline] = []
            if let date = entry.facts.date { byline.append(.text(text: style.format(date))) }
            if let permalink = entry.facts.permalink {
                if !byline.isEmpty { byline.append(.text(text: " · ")) }
                byline.append(
                    .link(
                        link: Link(destination: permalink, kind: .autolink),
                        content: [.text(text: permalink)]))
            }
            if !byline.isEmpty { blocks.append(.paragraph(content: [.emphasis(content: byline)])) }
            var body = Document(meta: post.meta, blocks: post.blocks).mapBlocks { block in
                guard case .heading(let level, let style, var attr, let content) = block else {
                    return [block]
                }
                attr.identifier = ids.make(
                    for: attr.identifier.isEmpty ? content.plainText : attr.identifier)
                return [
                    .heading(
                        level: min(6, level + shift), style: style, attr: attr, content: content)
                ]
            }
            if linksWithinDocument {
                body = body.mapInlines { list in
                    list.map { inline in
                        guard case .link(var link, let content) = inline,
                            let target = self.post(linkedBy: link.destination)
                        else { return inline }
                        link.destination = "#" + anchors[target.index]
                        return .link(link: link, content: content)
                    }
                }
            }
            blocks += body.blocks
        }
        var meta = Meta(entries: [MetaEntry(key: "title", value: .string(value: title))])
        if let last = dateRange?.last { meta["date"] = .date(text: last.rfc3339) }
        let facts = PostFacts(
            title: title, date: dateRange?.last, weekEnding: dateRange?.last,
            slug: "\(year)-digest", subject: "\(site.shortName): \(title)", site: site)
        return Post(document: Document(meta: meta, blocks: blocks), facts: facts)
    }

    private static func permalinkIndex(of posts: [Post]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, post) in posts.enumerated() {
            guard let date = post.facts.date else { continue }
            index[Site.permalinkPath(for: date)] = index[Site.permalinkPath(for: date)] ?? i
            index["/\(date.utc.year)/\(post.facts.slug)"] = i
        }
        return index
    }
}
