/// The newsletter site's URL rules (its Jekyll `_config.yml` and the jekyll-feed plugin).
///
/// Permalinks are `/:year/:year:month:day` from the post's date in UTC; feed entry ids are the
/// site URL, the permalink's directory and the post's slug.
public struct Site: Hashable, Sendable {
    /// The site's root URL with no trailing slash, such as `https://lwkd.info`.
    public var baseURL: String
    /// The newsletter's name.
    public var name: String
    /// The short name that starts every subject line (`LWKD: Week Ending …`).
    public var shortName: String

    /// The newsletter's own site.
    public static let lwkd = Site(
        baseURL: "https://lwkd.info", name: "Last Week in Kubernetes Development")

    /// Creates a site; a trailing slash on `baseURL` is dropped.
    public init(baseURL: String, name: String, shortName: String = "LWKD") {
        var url = Substring(baseURL)
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = String(url)
        self.name = name
        self.shortName = shortName
    }

    /// The permalink path of a post dated `date`: `/2026/20260806`.
    public static func permalinkPath(for date: PostDate) -> String {
        let u = date.utc
        return "/\(pad(u.year, 4))/\(pad(u.year, 4))\(pad(u.month))\(pad(u.day))"
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
