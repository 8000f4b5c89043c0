import LwkdModel

/// A year's posts (or several years') gathered into one book: the input of `lwkdconv digest`.
///
/// Each writer says what a digest means for it (``Writer/writeDigest(_:in:)``): EPUB renders one
/// chapter per post, Atom the posts' feed, and the default is ``post(in:linksWithinDocument:)``,
/// one document with each post as a top-level section. After the posts of each year come that
/// year's appendix chapters (``DigestAppendix``) unless ``appendix`` leaves them out.
public struct Digest: Sendable {
    /// Whether the appendix is included, left out, or the whole digest.
    public enum AppendixMode: Sendable, Equatable {
        /// No appendix.
        case none
        /// The posts, then the appendix gathered by this table.
        case included(DigestSections)
        /// Only the appendix (small enough for an e-mail).
        case only(DigestSections)
    }

    /// One year of a digest: its posts and its appendix chapters.
    public struct Part: Sendable {
        /// The year.
        public var year: Int
        /// The indices of its posts in ``Digest/posts``.
        public var postIndices: Range<Int>
        /// Its appendix chapters (none when the appendix is off or has nothing).
        public var appendix: [DigestAppendix.Chapter]
    }

    /// The years the digest covers, ascending (one for a yearly digest).
    public let years: [Int]
    /// The first year (the only one of a yearly digest).
    public var year: Int { years.first ?? 0 }
    /// True when the digest covers several years: a part per year.
    public var hasParts: Bool { years.count > 1 }
    /// The posts, sorted by date, then by file name.
    public private(set) var posts: [Post]
    /// The site the posts come from (newsletter name, permalinks).
    public let site: Site
    /// Whether the appendix is included.
    public let appendix: AppendixMode
    /// The years with their posts and appendix chapters, in order.
    public private(set) var parts: [Part] = []
    private let permalinkIndex: [String: Int]
    /// `https://host`, `http://www.host` and the like: the forms of an absolute permalink.
    private let hostPrefixes: [String]

    /// True when only the appendix is wanted.
    public var isAppendixOnly: Bool { if case .only = appendix { true } else { false } }

    /// Creates a yearly digest; the posts are sorted by date (undated ones last), then by file
    /// name.
    public init(
        year: Int, posts: [Post], site: Site = .lwkd, appendix: AppendixMode = .none,
        dateStyle: DateStyle = .newsletter
    ) {
        self.init(
            years: [year], posts: posts, site: site, appendix: appendix, dateStyle: dateStyle)
    }

    /// Creates a digest of several years: a part per year that has posts.
    public init(
        years: [Int], posts: [Post], site: Site = .lwkd, appendix: AppendixMode = .none,
        dateStyle: DateStyle = .newsletter
    ) {
        self.years = Array(Set(years)).sorted()
        self.site = site
        self.appendix = appendix
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
        let host = site.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        hostPrefixes =
            host.isEmpty
            ? [] : ["https://", "http://", "//"].flatMap { [$0 + host, $0 + "www." + host] }
        parts = Digest.parts(of: self.posts, years: self.years, appendix: appendix, dateStyle)
    }

    private static func parts(
        of posts: [Post], years: [Int], appendix: AppendixMode, _ style: DateStyle
    ) -> [Part] {
        var parts: [Part] = []
        var start = 0
        while start < posts.count {
            let year = posts[start].facts.date?.utc.year ?? years.last ?? 0
            var end = start + 1
            while end < posts.count, (posts[end].facts.date?.utc.year ?? year) == year { end += 1 }
            parts.append(Part(year: year, postIndices: start..<end, appendix: []))
            start = end
        }
        // Undated posts (a library user's) belong to the last part; a yearly digest is one part.
        if years.count <= 1, parts.count > 1 {
            parts = [
                Part(year: years.first ?? parts[0].year, postIndices: 0..<posts.count, appendix: [])
            ]
        }
        switch appendix {
        case .none: break
        case .included(let sections), .only(let sections):
            for index in parts.indices {
                parts[index].appendix = DigestAppendix.chapters(
                    of: Array(posts[parts[index].postIndices]), year: parts[index].year,
                    sections: sections, style: style)
            }
        }
        return parts
    }

    /// The book's title, such as `Last Week in Kubernetes Development: 2022`.
    public var title: String { "\(site.name): \(yearsText)" }

    /// `2022`, or `2018–2022` for several years.
    public var yearsText: String {
        guard let first = years.first, let last = years.last, first != last else {
            return String(year)
        }
        return "\(first)–\(last)"
    }

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
        // Every link of a year's book comes here; nearly all are ASCII.
        if url.utf8.allSatisfy({ $0 < 0x80 }) { return post(linkedByASCII: url) }
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        var path = rest
        if !rest.hasPrefix("/") || rest.hasPrefix("//") {
            // Every link of a year's book comes here: the prefixes are made once, and the
            // link lowered once.
            let lowered = rest.lowercased()
            guard let prefix = hostPrefixes.first(where: { lowered.hasPrefix($0) }) else {
                return nil
            }
            path = rest.dropFirst(prefix.count)
        }
        for suffix in ["/index.html", ".html", "/"] where path.hasSuffix(suffix) {
            path = path.dropLast(suffix.count)
        }
        guard let index = permalinkIndex[String(path)] else { return nil }
        return (index, fragment?.isEmpty == true ? nil : fragment)
    }

    /// ``post(linkedBy:)`` for an ASCII link, by bytes (issue 14: the Character-by-Character
    /// version was a seventh of a digest's instructions). In ASCII, lowercasing and the prefix
    /// and suffix tests on Characters are those on bytes: the one Character of two scalars,
    /// CR LF, is in none of the patterns.
    private func post(linkedByASCII url: String) -> (index: Int, fragment: String?)? {
        var url = url
        return url.withUTF8 { bytes in
            var end = bytes.count
            var fragment: String?
            if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(decoding: bytes[(hash + 1)...], as: UTF8.self)
                end = hash
            }
            if let query = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) { end = query }
            var start = 0
            let slash = UInt8(ascii: "/")
            if !(end > 0 && bytes[0] == slash) || (end > 1 && bytes[1] == slash) {
                func lowered(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
                guard
                    let prefix = hostPrefixes.first(where: { prefix in
                        prefix.utf8.count <= end
                            && zip(prefix.utf8, bytes).allSatisfy { $0 == lowered($1) }
                    })
                else { return nil }
                start = prefix.utf8.count
            }
            for suffix in ["/index.html", ".html", "/"] {
                let n = suffix.utf8.count
                if end - start >= n, bytes[(end - n)..<end].elementsEqual(suffix.utf8) { end -= n }
            }
            let path = String(decoding: bytes[start..<end], as: UTF8.self)
            guard let index = permalinkIndex[path] else { return nil }
            return (index, fragment?.isEmpty == true ? nil : fragment)
        }
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
