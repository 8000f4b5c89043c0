import LwkdModel

/// RFC 4287 Atom 1.0: one post as a one-entry feed, or many posts as the site's feed.
///
/// Entry ids are exactly jekyll-feed's (site URL + permalink directory + `/` + slug), so feed
/// readers that already hold the site's feed see no entry twice. The feed's `updated` is the
/// newest entry's update time, never the clock, so the same posts always give the same bytes.
/// Entry content is the shared ``HTMLRenderer``'s HTML with every URL made absolute.
public struct AtomWriter: Writer {
    public let format = "atom"
    public let aliases = ["atom1", "atom10"]
    public let fileExtensions = ["atom", "xml"]
    public let isBinary = false
    public let summary = "Atom 1.0 feed (one post as a one-entry feed; `feed` for the site)"

    /// Feed-level metadata: title, subtitle, author, self link, language.
    public var feed: FeedInfo

    /// Creates the writer with the newsletter's feed metadata unless told otherwise.
    public init(feed: FeedInfo = .lwkd) {
        self.feed = feed
    }

    public var isFeed: Bool { true }

    public func configured(_ options: WriterOptions) -> any Writer {
        AtomWriter(feed: options.feed ?? feed)
    }

    /// A feed applies the content policy itself, to the posts it keeps
    /// (``writeFeed(_:limit:in:)``).
    public func prepared(_ post: Post, in context: WriteContext) -> Post { post }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        try writeFeed([post], limit: nil, in: context)
    }

    /// A digest in Atom is the feed of its posts (the same entries and ids as `feed`).
    public func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError)
        -> Output
    {
        try writeFeed(digest.posts, limit: nil, in: context)
    }

    /// Writes the site feed of `documents`, newest first.
    ///
    /// Posts are ordered by date, newest first, ties by file name as Jekyll orders them; then
    /// the first `limit` are kept (nil or 0 keeps all). Posts with `published: false` are left
    /// out, as Jekyll leaves them out of the site.
    ///
    /// - Throws: `WriteError.unsupported` when there are no posts or two posts would share an
    ///   entry id.
    public func writeFeed(_ posts: [Post], limit: Int?, in context: WriteContext)
        throws(WriteError) -> Output
    {
        // The content policy runs only for the posts the feed keeps (the 10 newest of a site),
        // so an old post's repaired link is not reported in every feed run.
        let entries = Self.rendered(
            selected(posts, limit: limit, in: context, reporting: true), in: context)
        guard !entries.isEmpty else {
            throw .unsupported(format: "atom", reason: "no posts to put in the feed")
        }
        try checkUniqueIDs(entries)
        return .text(try AtomXML.render(entries, feed: feed, context: context))
    }

    public func feedPosts(_ posts: [Post], limit: Int?, in context: WriteContext) -> [Post] {
        var quiet = context
        quiet.diagnostics = DiagnosticSink()
        return selected(posts, limit: limit, in: quiet, reporting: false).map(\.post)
    }

    /// The entries of the feed: `published: false` left out (noted when `reporting`), newest
    /// first, at most `limit` (nil or 0: all).
    private func selected(
        _ posts: [Post], limit: Int?, in context: WriteContext, reporting: Bool
    ) -> [AtomEntry] {
        var entries: [AtomEntry] = []
        for post in posts {
            if case .bool(false)? = post.document.meta["published"] {
                if reporting {
                    context.diagnostics.report(
                        Diagnostic(
                            .note, "left out of the feed: 'published: false'", file: post.file))
                }
                continue
            }
            entries.append(AtomEntry.resolve(post, feed: feed, context: context))
        }
        // Jekyll's `site.posts`: date, then path, reversed; the id settles the rest, so the
        // order never depends on the order of the inputs.
        entries.sort { a, b in
            if a.published != b.published { return a.published > b.published }
            return a.fileName != b.fileName ? a.fileName > b.fileName : a.id > b.id
        }
        if let limit, limit > 0, entries.count > limit { entries.removeLast(entries.count - limit) }
        return entries
    }
}

private extension AtomWriter {
    /// The kept entries with the content policy applied and their summary and HTML rendered,
    /// on every core (issue 14); each entry's messages are reported in feed order, so output
    /// and messages never vary from run to run.
    static func rendered(_ entries: [AtomEntry], in context: WriteContext) -> [AtomEntry] {
        context.diagnostics.concurrentMap(entries) { entry, sink in
            var local = context
            local.diagnostics = sink
            var entry = entry
            entry.post = ContentPolicy.apply(to: entry.post, in: local)
            entry.render()
            return entry
        }
    }

    // RFC 4287 §4.2.6: an entry id is unique within the feed.
    func checkUniqueIDs(_ entries: [AtomEntry]) throws(WriteError) {
        var seen: [String: String] = [:]
        for entry in entries {
            if let other = seen[entry.id] {
                throw .unsupported(
                    format: "atom",
                    reason: "\(other) and \(entry.fileName) have the same entry id \(entry.id); "
                        + "give one of them another 'slug:'")
            }
            seen[entry.id] = entry.fileName.isEmpty ? entry.title : entry.fileName
        }
    }
}
