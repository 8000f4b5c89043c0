import ArgumentParser
import Foundation
import LwkdModel
import LwkdWriters

/// `lwkdconv feed DIR_OR_FILES… -o feed.xml [--limit N]`: the site's Atom feed.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        // Parsed on its own (LwkdMain.directSubcommand): ArgumentParser then skips its
        // completion-script probe, which only the root answers.
        _superCommandName: "lwkdconv",
        abstract: "Write the site's Atom feed from posts, newest first.",
        discussion: """
            Entry ids are exactly the ones jekyll-feed gives the site's posts, and the feed's \
            <updated> is the newest entry's, so an unchanged archive gives an unchanged feed.

            EXAMPLES:
              lwkdconv feed site -o feed.xml              (the site's 10 newest posts)
              lwkdconv feed _posts -o feed.xml             (the same, from _posts/)
              lwkdconv feed _posts --limit 0 -o all.xml    (the whole archive)
              lwkdconv feed 2022-*.md --title "LWKD 2022"
            """)

    @Argument(
        help:
            "Post files, _posts/ folders, or site folders (their _posts/ is read); directories are searched for posts."
    )
    var inputs: [String] = []

    @Option(name: [.short, .long], help: "Output file; standard output when omitted.")
    var output: String?

    @Option(help: "How many of the newest posts to include; 0 for all.")
    var limit: Int = 10

    @Option(
        name: [.customShort("f"), .long],
        help: "Input format of every post; detected from content when omitted.")
    var from: String?

    @Option(help: "Feed title.")
    var title: String = Site.lwkd.name

    @Option(help: "Feed subtitle.")
    var subtitle: String = FeedInfo.lwkd.subtitle

    @Option(help: "Author of posts with no 'author:' of their own.")
    var author: String = FeedInfo.lwkd.authorName

    @Option(help: "The feed's own URL, or its path on the site (rel=\"self\" and the feed id).")
    var feedURL: String = FeedInfo.lwkd.feedPath

    @Option(help: "Language of the feed (xml:lang).")
    var lang: String = "en"

    @Flag(help: "Skip posts that fail to parse (with a warning naming them) instead of stopping.")
    var keepGoing = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError("missing DIR_OR_FILES: give posts or a directory of posts")
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let environment = CLIEnvironment.current
        let pipeline = try Pipeline(common: common, environment: environment)
        let found = try PostFinder.find(inputs, environment: environment)
        let writer = Writers.feed.configured(
            WriterOptions(
                feed: FeedInfo(
                    title: title, subtitle: subtitle, authorName: author, feedPath: feedURL,
                    language: lang)))
        let context = try pipeline.context(for: writer)
        // The publishing guard runs only on the posts the feed keeps: an old post `--limit`
        // leaves out, or one marked `published: false`, is not published by this run, so its
        // template bullet is no reason to stop. When the feed keeps every post, it runs while
        // loading; otherwise on the kept posts afterwards, which reads each of them again.
        let guardsWhileLoading = limit == 0 || found.count <= limit
        let posts = try pipeline.loadAll(
            found, from: from, keepGoing: keepGoing, guardsPublishing: guardsWhileLoading,
            guardsUnpublished: false
        ).map { writer.prepared($0, in: context) }
        if !guardsWhileLoading {
            try pipeline.guardPublishing(
                writer.feedPosts(posts, limit: limit, in: context), from: from)
        }
        let result = try pipeline.run { () throws(WriteError) in
            try writer.writeFeed(posts, limit: limit, in: context)
        }
        try pipeline.deliver(result, of: writer, to: output)
    }
}
