import ArgumentParser
import Foundation
import LwkdModel
import LwkdWriters

/// `lwkdconv digest DIR_OR_FILES… --year Y --to FORMAT -o OUT`: a year's posts as one book.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Collect a year's posts into one book (EPUB) or one document (other formats).",
        discussion: """
            Posts are chosen by Jekyll's date rule (date: in the front matter, else the file name's YYYY-MM-DD- prefix) and sorted by date. A directory that holds _posts/ is read from there. --metadata applies to every post.

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
            "Output format (epub, markdown, plain, html-email, json, …); inferred from -o's extension."
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
        let writer = email.configure(plain.configure(try FormatList.writer(to: to, output: output)))
        let metadata = try common.metadataPairs()
        let diagnostics = DiagnosticSink()
        let files = try PostFiles.collect(inputs, environment: environment)
        var progress = ProgressBar(
            total: files.count, isEnabled: environment.isStandardErrorTerminal && !common.quiet,
            environment: environment)
        var posts: [Document] = []
        var yearsFound: Set<Int> = []
        for file in files {
            progress.advance(label: (file as NSString).lastPathComponent)
            let document: Document
            do {
                document = try InputLoader.document(
                    at: file, from: from, metadata: metadata, environment: environment,
                    diagnostics: diagnostics)
            } catch let failure as CLIFailure where keepGoing {
                diagnostics.warn("skipped: \(failure.message)")
                continue
            }
            guard let date = document.meta.date else {
                diagnostics.warn(
                    "post has no date (no date: in front matter, no YYYY-MM-DD- file name); skipped",
                    file: file)
                continue
            }
            yearsFound.insert(date.utc.year)
            if date.utc.year == year { posts.append(document) }
        }
        progress.finish()
        guard !posts.isEmpty else {
            try? common.report(diagnostics, environment: environment)
            let found = yearsFound.sorted().map(String.init).joined(separator: ", ")
            throw CLIFailure(
                .unreadableInput,
                "no posts dated \(year) in \(inputs.joined(separator: ", "))"
                    + (found.isEmpty ? " (no dated posts found)" : " (years found: \(found))"))
        }
        Self.warnAboutDuplicateSlugs(posts, diagnostics: diagnostics)
        var context = try common.context(diagnostics: diagnostics)
        if writer.usesTheme {
            context.theme = try email.loadTheme(currentDirectory: environment.currentDirectory)
        }
        let digest = Digest(year: year, posts: posts, site: context.site)
        let result: Output
        do {
            if let epub = writer as? EPUBWriter {
                result = try epub.write(digest: digest, in: context)
            } else {
                // E-mail and plain text get permalinks: fragment links do not work there.
                let linksInside = !["html-email", "plain", "eml"].contains(writer.format)
                result = try writer.write(digest.document(linksInside: linksInside), in: context)
            }
        } catch {
            try? common.report(diagnostics, environment: environment)
            throw FormatList.failure(for: error)
        }
        try common.report(diagnostics, environment: environment)
        try OutputSink.deliver(
            result, isBinary: writer.isBinary, to: output, environment: environment)
    }

    private static func warnAboutDuplicateSlugs(_ posts: [Document], diagnostics: DiagnosticSink) {
        var firstFile: [String: String] = [:]
        for post in posts {
            guard let slug = post.meta.slug else { continue }
            let file = post.meta.fileName ?? "-"
            if let earlier = firstFile[slug] {
                diagnostics.warn("duplicate slug '\(slug)' (also in \(earlier))", file: file)
            } else {
                firstFile[slug] = file
            }
        }
    }
}
