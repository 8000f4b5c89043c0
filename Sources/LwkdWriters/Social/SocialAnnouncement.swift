/// One announcement: the text for one platform, what it holds and where its link and
/// hashtags are.
public struct SocialAnnouncement: Hashable, Sendable {
    /// A hashtag in the text.
    public struct Tag: Hashable, Sendable {
        /// The tag without its `#`.
        public var name: String
        /// Where `#name` is, in UTF-8 bytes of ``SocialAnnouncement/text``.
        public var bytes: Range<Int>
    }

    /// The platform it is written for.
    public var platform: SocialPlatform
    /// The text, fitting the platform's limits.
    public var text: String
    /// The facts it kept, as printed (shortened ones end with "…").
    public var facts: [String]
    /// The full URL of the post.
    public var link: String
    /// Where the link's text is, in UTF-8 bytes of ``text``.
    public var linkBytes: Range<Int>
    /// The hashtags it kept, in order.
    public var tags: [Tag]
}
