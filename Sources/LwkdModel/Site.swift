/// The newsletter site's URL rules (its Jekyll `_config.yml` and the jekyll-feed plugin).
///
/// Permalinks are `/:year/:year:month:day` from the post's date in UTC; feed entry ids are the
/// site URL, the permalink's directory and the post's slug.
public struct Site: Hashable, Sendable {
    /// The site's root URL with no trailing slash, such as `https://lwkd.info`.
    public var baseURL: String
    /// The newsletter's name.
    public var name: String

    /// The newsletter's own site.
    public static let lwkd = Site(
        baseURL: "https://lwkd.info", name: "Last Week in Kubernetes Development")

    /// Creates a site; a trailing slash on `baseURL` is dropped.
    public init(baseURL: String, name: String) {
        var url = Substring(baseURL)
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = String(url)
        self.name = name
    }

    /// The permalink path of a post dated `date`: `/2026/20260806`.
    public static func permalinkPath(for date: PostDate) -> String {
        let u = date.utc
        return "/\(pad(u.year, 4))/\(pad(u.year, 4))\(pad(u.month))\(pad(u.day))"
    }

    /// The absolute permalink of a document, or nil when it has no date.
    public func permalink(of meta: Meta) -> String? {
        meta.date.map { baseURL + Site.permalinkPath(for: $0) }
    }

    /// The jekyll-feed entry id: site URL + permalink directory + `/` + slug.
    ///
    /// A post dated 2026-08-20 with `slug: 2026-08-16-update` has the id
    /// `https://lwkd.info/2026/2026-08-16-update`.
    public func entryID(of meta: Meta) -> String? {
        guard let date = meta.date, let slug = meta.slug else { return nil }
        return "\(baseURL)/\(pad(date.utc.year, 4))/\(slug)"
    }

    /// Resolves a site-root-relative (`/x`) or relative (`x`) URL against the site; absolute
    /// URLs, fragments and `mailto:` are returned unchanged, and a link written without its
    /// scheme (`cloud.google.com/network-tier`) gets `https://`.
    public func absolute(_ url: String) -> String {
        if url.isEmpty || url.hasPrefix("#") || URLText.hasScheme(url) { return url }
        if url.hasPrefix("//") { return "https:" + url }
        if URLText.looksLikeHost(url) { return "https://" + url }
        if url.hasPrefix("/") { return baseURL + url }
        return baseURL + "/" + url
    }
}

/// Small URL text helpers shared by writers.
public enum URLText {
    /// True when `url` starts with an RFC 3986 scheme (`https:`, `mailto:`).
    public static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for c in url.unicodeScalars {
            if c == ":" { return sawLetter }
            let isAlpha = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            if !sawLetter {
                guard isAlpha else { return false }
                sawLetter = true
            } else if !(isAlpha || (c >= "0" && c <= "9") || c == "+" || c == "-" || c == ".") {
                return false
            }
        }
        return false
    }
}

extension URLText {
    /// True for `cloud.google.com/network-tier`: the first path segment is a host name whose
    /// last label is a top-level domain, not a file extension.
    public static func looksLikeHost(_ url: String) -> Bool {
        guard !url.hasPrefix("/"), !url.hasPrefix(".") else { return false }
        let host = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        for label in labels where !label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            return false
        }
        guard let tld = labels.last?.lowercased(), tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return false }
        return !fileExtensions.contains(tld)
    }

    private static let fileExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "html", "htm", "md", "markdown", "pdf", "txt",
        "xml", "json", "yaml", "yml", "css", "js", "zip", "gz", "tar", "go", "sh", "py", "mp4",
    ]
}
