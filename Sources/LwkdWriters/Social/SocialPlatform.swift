/// A service an announcement is written for.
public enum SocialPlatform: String, CaseIterable, Hashable, Sendable {
    /// Bluesky: 300 grapheme clusters and 3000 UTF-8 bytes, links and hashtags as facets.
    case bluesky
    /// Mastodon: 500 characters, every URL counted as 23.
    case mastodon

    /// The name `--platform` takes for every platform at once.
    public static let everyPlatformName = "both"

    /// The names `--platform` accepts: each platform, then ``everyPlatformName``.
    public static var selectionNames: [String] { allCases.map(\.rawValue) + [everyPlatformName] }

    /// The platforms a `--platform` value names (case-insensitive), or nil for an unknown name.
    public static func selection(named name: String) -> [SocialPlatform]? {
        let key = name.lowercased()
        if key == everyPlatformName { return allCases }
        return SocialPlatform(rawValue: key).map { [$0] }
    }

    /// The service's own spelling, for the header above each text.
    public var displayName: String {
        switch self {
        case .bluesky: "Bluesky"
        case .mastodon: "Mastodon"
        }
    }

    /// True when `text` fits the platform's limits, counted as the platform counts.
    public func fits(_ text: String) -> Bool {
        switch self {
        case .bluesky: BlueskyCount.fits(text)
        case .mastodon: MastodonCount.fits(text)
        }
    }
}

/// How announcements are written: the texts to paste, or JSON bodies to POST.
public enum SocialEncoding: String, CaseIterable, Hashable, Sendable {
    /// The text of each post, under a header line when there are several.
    case text
    /// Bluesky's `app.bsky.feed.post` record and Mastodon's status body.
    case json
}
