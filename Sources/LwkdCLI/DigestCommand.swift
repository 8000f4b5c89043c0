import ArgumentParser
import Foundation
import LwkdModel
import LwkdWriters
import Synchronization

/// `lwkdconv digest DIR_OR_FILES… --year Y --to FORMAT -o OUT`: a year's posts as one book.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Collect a year's posts into one book (EPUB) or one document (other formats).",
        discussion: """
            Posts are chosen by Jekyll's date rule (date: in the front matter, else the file name's YYYY-MM-DD- prefix) and sorted by date. A directory that holds _posts/ (a site folder) is read from there. --metadata applies to every post.

            EXAMPLES:
              lwkdconv digest corpus --year 2022 -o lwkd-2022.epub --resource-path corpus
              lwkdconv digest corpus --year 2020 --to markdown -o lwkd-2020.md
            """)

    @Argument(help: "Post files, or directories of posts.")
    var inputs: [String] = []

    @Option(help: "The year whose posts to collect.")
    var year: Int

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
        let pipeline = try Pipeline(common: common, theme: email.theme, environment: environment)
        let found = try PostFinder.find(inputs, environment: environment)
        let years = Mutex(Set<Int>())
        let year = year
        let selected = try pipeline.loadAll(
            found, from: from, keepGoing: keepGoing, namedUndatedIsError: false,
            showsProgress: true,
            keep: { post in
                let postYear = post.facts.date?.utc.year
                if let postYear { years.withLock { _ = $0.insert(postYear) } }
                return postYear == year
            })
        let yearsFound = years.withLock { $0 }
        let context = try pipeline.context(for: writer)
        let posts = selected.map { writer.prepared($0, in: context) }
        guard !posts.isEmpty else {
            try? pipeline.report()
            let found = yearsFound.sorted().map(String.init).joined(separator: ", ")
            throw CLIFailure(
                .unreadableInput,
                "no posts dated \(year) in \(inputs.joined(separator: ", "))"
                    + (found.isEmpty ? " (no dated posts found)" : " (years found: \(found))"))
        }
        Self.warnAboutDuplicateSlugs(posts, diagnostics: pipeline.diagnostics)
        let digest = Digest(year: year, posts: posts, site: context.site)
        let result = try pipeline.run { () throws(WriteError) in
            try writer.writeDigest(digest, in: context)
        }
        try pipeline.deliver(result, of: writer, to: output)
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
