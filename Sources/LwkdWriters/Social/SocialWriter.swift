import Foundation
import LwkdModel

/// The week's announcement for Bluesky and Mastodon.
///
/// It has the shape the editors post by hand:
///
/// ```
/// Week ending August 2: Steering candidates selected, CPU manager, Statefulset scaledown
///
/// https://lwkd.info/2026/20260806
///
/// #kubernetes #containers #CloudNative
/// ```
///
/// The facts are the post's highlights (``SocialFacts``) or the editor's own; each platform's
/// text keeps as many as fit (``SocialComposer``). As JSON it writes Bluesky's
/// `app.bsky.feed.post` record and Mastodon's status body, ready to POST; nothing is sent.
public struct SocialWriter: Writer {
    public let format = "social"
    public let aliases: [String] = []
    public let fileExtensions = ["social.txt"]
    public let isBinary = false
    public let summary = "the week's Bluesky and Mastodon posts (text, or JSON ready to POST)"
    public var usesTheme: Bool { true }
    public var linksWithinDocument: Bool { false }

    /// The platforms written for, in order.
    public var platforms: [SocialPlatform]
    /// Hashtags (without `#`) instead of the theme's `hashtags` variable; nil uses the theme.
    public var hashtags: [String]?
    /// Facts instead of the post's highlights; nil uses the highlights.
    public var facts: [String]?
    /// Text or JSON.
    public var encoding: SocialEncoding

    /// Creates the writer.
    public init(
        platforms: [SocialPlatform] = SocialPlatform.allCases, hashtags: [String]? = nil,
        facts: [String]? = nil, encoding: SocialEncoding = .text
    ) {
        self.platforms = platforms.isEmpty ? SocialPlatform.allCases : platforms
        self.hashtags = hashtags
        self.facts = facts
        self.encoding = encoding
    }

    public func configured(_ options: WriterOptions) -> any Writer {
        SocialWriter(
            platforms: options.socialPlatforms ?? platforms,
            hashtags: options.hashtags ?? hashtags,
            facts: options.socialFacts.flatMap { $0.isEmpty ? nil : $0 } ?? facts,
            encoding: options.socialEncoding ?? encoding)
    }

    /// `post` with the content policy applied, after the body of each inline `<script>` or
    /// `<style>` element is dropped (the sanitiser keeps it as text, and it is no highlight).
    public func prepared(_ post: Post, in context: WriteContext) -> Post {
        var post = post
        post.document = post.document.mapInlines(SocialFacts.withoutHiddenElements)
        return ContentPolicy.apply(to: post, in: context)
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let announcements = self.announcements(for: post, in: context)
        switch encoding {
        case .text:
            guard announcements.count > 1 else {
                return .text((announcements.first?.text ?? "") + "\n")
            }
            return .text(
                announcements.map { "== \($0.platform.displayName) ==\n\($0.text)\n" }
                    .joined(separator: "\n"))
        case .json:
            return .text(try SocialJSON.encoded(announcements, post: post, in: context) + "\n")
        }
    }

    /// The announcement for each of ``platforms``.
    public func announcements(for post: Post, in context: WriteContext) -> [SocialAnnouncement] {
        let facts = post.facts
        let headline =
            facts.weekEnding.map { "Week ending " + context.dateStyle.spoken.format($0) }
            ?? facts.title
        var link = facts.permalink ?? ""
        if link.isEmpty {
            link = context.site.baseURL
            context.diagnostics.warn(
                "the post has no date, so no permalink: the announcement links \(link)",
                file: post.file)
        }
        let composer = SocialComposer(
            headline: headline,
            facts: self.facts.map(Self.oneLine) ?? SocialFacts.highlights(in: post.document),
            link: link,
            tags: tags(in: context, file: post.file))
        return platforms.map { composer.announcement(for: $0) }
    }
}

private extension SocialWriter {
    /// The editor's facts on one line each, empty ones left out: a line break would break the
    /// announcement's shape.
    static func oneLine(_ facts: [String]) -> [String] {
        facts.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }
    }

    /// `hashtags`, else `-V hashtags=…`, else the theme's `hashtags`, else the defaults; a
    /// name that is not a hashtag on both platforms is left out with a warning.
    func tags(in context: WriteContext, file: String?) -> [String] {
        let given =
            hashtags ?? (context.variables["hashtags"] ?? context.theme.variables["hashtags"])
            .map(SocialHashtags.parse) ?? SocialHashtags.defaults
        return given.filter { tag in
            if SocialHashtags.isValid(tag) { return true }
            context.diagnostics.warn("'\(tag)' is not a hashtag; left out", file: file)
            return false
        }
    }
}
