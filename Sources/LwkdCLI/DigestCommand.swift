import ArgumentParser
import Foundation
import LwkdModel
import LwkdWriters
import Synchronization

/// `lwkdconv digest DIR_OR_FILES… --year Y --to FORMAT -o OUT`: a year's posts as one book.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        // Parsed on its own (LwkdMain.directSubcommand): ArgumentParser then skips its
        // completion-script probe, which only the root answers.
        _superCommandName: "lwkdconv",
        abstract: "Collect a year's posts into one book (EPUB) or one document (other formats).",
        discussion: """
            Posts are chosen by Jekyll's date rule (date: in the front matter, else the file name's YYYY-MM-DD- prefix), read from the front matter alone before any post is parsed, and sorted by date. A directory that holds _posts/ (a site folder) is read from there. --metadata applies to every post.

            After each year's posts come appendix chapters gathering the year's Promotions, Deprecations and removals, Version updates, Featured PRs and KEPs of the Week, and a KEP index; the section names they gather are the theme's digest_sections_* settings. Several years (--year 2019..2026, or --year repeated) make one book with a part per year.

            Each format says what a digest is: EPUB the book (with a cover), Markdown, plain text, JSON and HTML the book as one document, Atom the posts' feed (as `feed` gives it), and e-mail only the appendix (--appendix-only): a year does not fit in an e-mail.

            EXAMPLES:
              lwkdconv digest corpus --year 2022 -o lwkd-2022.epub --resource-path corpus
              lwkdconv digest corpus --year 2018..2022 -o lwkd-2018-2022.epub --resource-path corpus
              lwkdconv digest corpus --year 2020 --to markdown -o lwkd-2020.md
              lwkdconv digest corpus --year 2022 --appendix-only --to eml -o changes-2022.eml
            """)

    @Argument(help: "Post files, or directories of posts.")
    var inputs: [String] = []

    @Option(
        help: ArgumentHelp(
            "The year whose posts to collect: 2022, or a range 2019..2026; repeat for more.",
            valueName: "year"))
    var year: [String] = []

    @Flag(help: "Leave out the appendix chapters (the year's changes gathered).")
    var noAppendix = false

    @Flag(help: "Only the appendix chapters (small enough for an e-mail).")
    var appendixOnly = false

    @Option(
        name: [.customShort("t"), .long],
        help:
            "Output format (see --list-formats); inferred from -o's file name ending."
    )
    var to: String?

    @Option(
        name: [.customShort("f"), .long],
        help: "Input format of every post; detected per file when omitted.")
    var from: String?

    @Option(name: [.short, .long], help: "Output file; standard output when omitted.")
    var output: String?

    @Flag(help: "Skip posts that fail to parse (with a warning) instead of stopping.")
    var keepGoing = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var plain: PlainOptions

    @OptionGroup(title: "E-mail and theme options") var email: EmailOptions

    func run() throws {
        let environment = CLIEnvironment.current
        guard !inputs.isEmpty else {
            throw CLIFailure(.usage, "missing DIR_OR_FILES (post files or directories of posts)")
        }
        let writer = try FormatList.writer(to: to, output: output).configured(
            email.writerOptions(plain: plain))
        let years = try DigestSelection.years(year)
        guard !(noAppendix && appendixOnly) else {
            throw CLIFailure(.usage, "--no-appendix and --appendix-only exclude each other")
        }
        let pipeline = try Pipeline(common: common, theme: email.theme, environment: environment)
        let found = try PostFinder.find(inputs, environment: environment)
        let wanted = Set(years)
        // With --metadata date=… every post's date is that one: nothing to tell apart early.
        let (files, peekedYears): ([PostFinder.Found], Set<Int>) =
            pipeline.metadata.contains { $0.0 == "date" }
            ? (found, [])
            : DigestSelection.select(found, years: wanted, from: from, environment: environment)
        let yearsSeen = Mutex(peekedYears)
        let selected = try pipeline.loadAll(
            files, from: from, keepGoing: keepGoing, namedUndatedIsError: false,
            showsProgress: true,
            keep: { post in
                let postYear = post.facts.date?.utc.year
                if let postYear { yearsSeen.withLock { _ = $0.insert(postYear) } }
                return postYear.map(wanted.contains) ?? false
            })
        let yearsFound = yearsSeen.withLock { $0 }
        let context = try pipeline.context(for: writer)
        let posts = Self.prepared(selected, for: writer, in: context)
        guard !posts.isEmpty else {
            try? pipeline.report()
            let found = yearsFound.sorted().map(String.init).joined(separator: ", ")
            let asked = years.map(String.init).joined(separator: ", ")
            throw CLIFailure(
                .unreadableInput,
                "no posts dated \(asked) in \(inputs.joined(separator: ", "))"
                    + (found.isEmpty ? " (no dated posts found)" : " (years found: \(found))"))
        }
        Self.warnAboutDuplicateSlugs(posts, diagnostics: pipeline.diagnostics)
        // The section table is a theme setting, needed whether or not the format is themed.
        var theme = context.theme
        if !writer.usesTheme {
            theme = try EmailOptions.loadTheme(
                email.theme, currentDirectory: environment.currentDirectory)
        }
        let sections = DigestSections(theme: theme)
        let appendix: Digest.AppendixMode =
            noAppendix ? .none : appendixOnly ? .only(sections) : .included(sections)
        let digest = Digest(
            years: years, posts: posts, site: context.site, appendix: appendix,
            dateStyle: context.dateStyle)
        let result = try pipeline.run { () throws(WriteError) in
            try writer.writeDigest(digest, in: context)
        }
        try pipeline.deliver(result, of: writer, to: output)
    }

    /// Every post prepared for the writer (its content policy) on every core (issue 14: in
    /// turn, this was a twentieth of a digest); each post's messages are reported in order,
    /// so they never vary from run to run.
    static func prepared(_ posts: [Post], for writer: any Writer, in context: WriteContext)
        -> [Post]
    {
        context.diagnostics.concurrentMap(posts) { post, sink in
            var own = context
            own.diagnostics = sink
            return writer.prepared(post, in: own)
        }
    }

    private static func warnAboutDuplicateSlugs(_ posts: [Post], diagnostics: DiagnosticSink) {
        var firstFile: [String: String] = [:]
        for post in posts {
            let slug = post.facts.slug
            let file = post.file ?? "-"
            if let earlier = firstFile[slug] {
                diagnostics.warn("duplicate slug '\(slug)' (also in \(earlier))", file: file)
            } else {
                firstFile[slug] = file
            }
        }
    }
}
