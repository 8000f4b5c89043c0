import LwkdModel

/// Renders a ``Post`` in one output format.
///
/// Writers are stateless `Sendable` values; per-run state lives in a private renderer created
/// inside ``write(_:in:)``. They are pure: time, identifiers and file contents come from the
/// ``WriteContext``. Everything in which formats differ is said here, as a property or method
/// of the writer, so that the command line names no format and no writer type.
public protocol Writer: Sendable {
    /// The format name used by `--to`, such as `epub`.
    var format: String { get }
    /// Other accepted names, such as `epub3`.
    var aliases: [String] { get }
    /// The usual file name endings, without the leading dot, the first the default
    /// (`email.html`, `atom`); `-o` with one of them selects the writer.
    var fileExtensions: [String] { get }
    /// True when the output is binary (refused on a terminal).
    var isBinary: Bool { get }
    /// One line for `--list-formats`.
    var summary: String { get }
    /// True when the output depends on ``WriteContext/theme`` (the CLI loads a theme only then).
    var usesTheme: Bool { get }
    /// True when the output keeps the author's source as written (Markdown, JSON), so the
    /// shared content policy (URL repair, raw HTML sanitising) is not applied before it.
    var preservesSource: Bool { get }
    /// True when links between the posts of a digest can point inside the one output (a
    /// fragment link works there); false for e-mail and plain text.
    var linksWithinDocument: Bool { get }
    /// True when the output is a complete e-mail message that `send` can deliver.
    var isMailMessage: Bool { get }
    /// True when the writer makes a site feed of many posts (``writeFeed(_:limit:in:)``).
    var isFeed: Bool { get }
    /// True for the writer whose output is the body handed to the newsletter service
    /// (`send --buttondown`).
    var isNewsletterBody: Bool { get }

    /// The writer with the command line's writer options applied; options it does not use
    /// are ignored.
    func configured(_ options: WriterOptions) -> any Writer
    /// `post` made ready for this writer; the default applies ``ContentPolicy`` unless the
    /// format keeps the author's source.
    func prepared(_ post: Post, in context: WriteContext) -> Post
    /// Renders one post.
    func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output
    /// Renders a digest of posts; the default renders ``Digest/post(in:linksWithinDocument:)``
    /// as one post.
    func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError) -> Output
    /// Renders a site feed of posts, newest first, at most `limit` (nil or 0: all).
    func writeFeed(_ posts: [Post], limit: Int?, in context: WriteContext) throws(WriteError)
        -> Output
    /// The posts ``writeFeed(_:limit:in:)`` puts in the feed, newest first, without reporting
    /// anything: `feed` checks only these before publishing.
    func feedPosts(_ posts: [Post], limit: Int?, in context: WriteContext) -> [Post]
}

extension Writer {
    public var usesTheme: Bool { false }
    public var preservesSource: Bool { false }
    public var linksWithinDocument: Bool { true }
    public var isMailMessage: Bool { false }
    public var isFeed: Bool { false }
    public var isNewsletterBody: Bool { false }

    /// The usual file extension, without the dot.
    public var fileExtension: String { fileExtensions.first ?? format }

    public func configured(_ options: WriterOptions) -> any Writer { self }

    public func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError)
        -> Output
    {
        try write(digest.post(in: context, linksWithinDocument: linksWithinDocument), in: context)
    }

    public func writeFeed(_ posts: [Post], limit: Int?, in context: WriteContext)
        throws(WriteError) -> Output
    {
        throw .unsupported(format: format, reason: "it does not make feeds")
    }

    public func feedPosts(_ posts: [Post], limit: Int?, in context: WriteContext) -> [Post] {
        []
    }

    /// Renders a document that no reader produced (tests, library users): its facts are
    /// computed here, reporting each fallback, and the content policy is applied first unless
    /// the format keeps the source.
    public func write(_ document: Document, in context: WriteContext) throws(WriteError) -> Output
    {
        let post = Post(document: document, site: context.site, diagnostics: context.diagnostics)
        return try write(prepared(post, in: context), in: context)
    }

    /// `post` made ready for this writer: the content policy applied unless the format keeps
    /// the author's source.
    public func prepared(_ post: Post, in context: WriteContext) -> Post {
        preservesSource ? post : ContentPolicy.apply(to: post, in: context)
    }
}

/// A writer whose output can be much bigger than the model (JSON: about ten times the post),
/// and so can be written a part at a time instead of held whole (issue 15's memory bound).
public protocol StreamingWriter: Writer {
    /// Writes the bytes of ``Writer/write(_:in:)`` to `sink` a part at a time, reporting the
    /// same diagnostics, all of them before the first part (so `--strict` can refuse before
    /// anything is written); stops early, without an error, when `sink` returns false (the
    /// caller knows why it refused). ``Writer/write(_:in:)`` collects the parts.
    func write(
        _ post: Post, in context: WriteContext, into sink: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(WriteError)
}

extension StreamingWriter {
    /// About how many bytes a streaming writer hands its sink at a time.
    public static var chunkSize: Int { 1 << 20 }

    /// The whole output: the streamed parts, collected.
    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        var out: [UInt8] = []
        try write(post, in: context) { chunk in
            out.append(contentsOf: chunk)
            return true
        }
        return .text(String(decoding: out, as: UTF8.self))
    }
}

/// What a writer produces.
public enum Output: Sendable, Equatable {
    /// Text, written as UTF-8.
    case text(String)
    /// Bytes (EPUB).
    case binary([UInt8])

    /// The output as bytes.
    public var bytes: [UInt8] {
        switch self {
        case .text(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        }
    }

    /// Calls `body` with the output's bytes; a text output's own UTF-8 storage, not a copy
    /// (``bytes`` copies: for a big post that is one more whole output in memory).
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch self {
        case .text(var text): try text.withUTF8(body)
        case .binary(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }
}

/// The command line's writer options, each used by the writers it concerns.
public struct WriterOptions: Sendable {
    /// E-mail: the unsubscribe link (footer; `List-Unsubscribe` if https); nil is a `mailto:` the
    /// sender.
    public var unsubscribeURL: String?
    /// E-mail: the `From:` mailbox.
    public var fromAddress: String?
    /// E-mail: the `To:` mailbox.
    public var toAddress: String?
    /// E-mail: the subject instead of the post's.
    public var subject: String?
    /// E-mail: the `Date:` instead of the post's.
    public var date: PostDate?
    /// E-mail: the `List-Id:` value.
    public var listID: String?
    /// E-mail: the `Message-ID:` value.
    public var messageID: String?
    /// Plain text: where link references are listed (`section` or `document`).
    public var referenceLocation: String?
    /// Plain text: RFC 3676 `format=flowed` lines.
    public var isFlowed: Bool
    /// Feeds: the feed's own title, subtitle, author, URL and language.
    public var feed: FeedInfo?
    /// Announcements: the platforms to write for; nil is every platform.
    public var socialPlatforms: [SocialPlatform]?
    /// Announcements: hashtags (without `#`) instead of the theme's or the default ones.
    public var hashtags: [String]?
    /// Announcements: the editor's facts instead of the post's highlights.
    public var socialFacts: [String]?
    /// Announcements: text or JSON bodies; nil is text.
    public var socialEncoding: SocialEncoding?
    /// Web page: the stylesheet to link instead of inlining the theme's (`--css-link`).
    public var cssLink: String? = nil
    /// Web page: raw HTML through the e-mail sanitiser instead of kept as written
    /// (`--sanitize`).
    public var sanitizesRawHTML = false

    /// Creates options; nil leaves a writer's default.
    public init(
        unsubscribeURL: String? = nil, fromAddress: String? = nil, toAddress: String? = nil,
        subject: String? = nil, date: PostDate? = nil, listID: String? = nil,
        messageID: String? = nil, referenceLocation: String? = nil, isFlowed: Bool = false,
        feed: FeedInfo? = nil, socialPlatforms: [SocialPlatform]? = nil,
        hashtags: [String]? = nil, socialFacts: [String]? = nil,
        socialEncoding: SocialEncoding? = nil
    ) {
        self.unsubscribeURL = unsubscribeURL
        self.fromAddress = fromAddress
        self.toAddress = toAddress
        self.subject = subject
        self.date = date
        self.listID = listID
        self.messageID = messageID
        self.referenceLocation = referenceLocation
        self.isFlowed = isFlowed
        self.feed = feed
        self.socialPlatforms = socialPlatforms
        self.hashtags = hashtags
        self.socialFacts = socialFacts
        self.socialEncoding = socialEncoding
    }
}
