import ArgumentParser
import Foundation
import LwkdModel
import LwkdWriters

/// `lwkdconv feed DIR_OR_FILES… -o feed.xml [--limit N]`: the site's Atom feed.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Write the site's Atom feed from posts, newest first.",
        discussion: """
            Entry ids are exactly the ones jekyll-feed gives the site's posts, and the feed's \
            <updated> is the newest entry's, so an unchanged archive gives an unchanged feed.

            EXAMPLES:
              lwkdconv feed _posts -o feed.xml             (the 10 newest posts)
              lwkdconv feed _posts --limit 0 -o all.xml    (the whole archive)
              lwkdconv feed 2022-*.md --title "LWKD 2022"
            """)

    @Argument(help: "Post files, or directories searched for *.md, *.markdown and *.txt posts.")
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
    var subtitle: String = AtomFeedInfo.lwkd.subtitle

    @Option(help: "Author of posts with no 'author:' of their own.")
    var author: String = AtomFeedInfo.lwkd.authorName

    @Option(help: "The feed's own URL, or its path on the site (rel=\"self\" and the feed id).")
    var feedURL: String = AtomFeedInfo.lwkd.feedPath

    @Option(help: "Language of the feed (xml:lang).")
    var lang: String = "en"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError("missing DIR_OR_FILES: give posts or a directory of posts")
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let environment = CLIEnvironment.current
        let diagnostics = DiagnosticSink()
        let documents = try FeedInputs.documents(
            from: inputs, format: from, metadata: try common.metadataPairs(),
            environment: environment,
            diagnostics: diagnostics)
        let writer = AtomWriter(
            feed: AtomFeedInfo(
                title: title, subtitle: subtitle, authorName: author, feedPath: feedURL,
                language: lang))
        let context = try common.context(diagnostics: diagnostics)
        let result: Output
        do {
            result = try writer.writeFeed(documents, limit: limit, in: context)
        } catch {
            try? common.report(diagnostics, environment: environment)
            throw FormatList.failure(for: error)
        }
        try common.report(diagnostics, environment: environment)
        try OutputSink.deliver(result, isBinary: false, to: output, environment: environment)
    }
}
