/// Feed-level metadata of an Atom feed, with the newsletter's defaults.
///
/// The site URL comes from the ``WriteContext``'s `site`; everything here is either absolute or
/// resolved against it.
public struct FeedInfo: Hashable, Sendable {
    /// The feed title; nil means the site's name ("Last Week in Kubernetes Development").
    public var title: String?
    /// The feed subtitle (the site's `description:`).
    public var subtitle: String
    /// The feed author's name, used for entries with no `author:` of their own.
    public var authorName: String
    /// The author's URI; nil means the site URL.
    public var authorURI: String?
    /// Where the feed itself lives (`rel="self"`, and the feed `id` as jekyll-feed makes it):
    /// a path on the site such as `/feed.xml`, or an absolute URL.
    public var feedPath: String
    /// The `xml:lang` of the feed; nil means the `lang` variable, else `en`.
    public var language: String?

    /// The newsletter's own values, as its Jekyll `_config.yml` and jekyll-feed give them.
    public static let lwkd = FeedInfo()

    /// Creates feed metadata; every argument defaults to the newsletter's value.
    public init(
        title: String? = nil,
        subtitle: String = "Stay up-to-date on Kubernetes development in 15 minutes a week.",
        authorName: String = "LWKD contributors", authorURI: String? = nil,
        feedPath: String = "/feed.xml", language: String? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.authorName = authorName
        self.authorURI = authorURI
        self.feedPath = feedPath
        self.language = language
    }
}
