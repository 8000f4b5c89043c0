import ArgumentParser
import Foundation
import LwkdCheck
import LwkdModel
import Synchronization

extension ReportFormat: ExpressibleByArgument {}

/// `lwkdconv check [PATH…]`: what the editors would otherwise fix by hand after publishing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        // Parsed on its own (LwkdMain.directSubcommand): ArgumentParser then skips its
        // completion-script probe, which only the root answers.
        _superCommandName: "lwkdconv",
        abstract: "Check posts before publishing: dates, template leftovers, link typos, style.",
        discussion: """
            PATH is a post, a _posts/ folder or a site folder; without one, the current folder. \
            Works offline. Each finding names its rule; --list-rules prints them all.

            Rules are set with --rule ID=off|notice|warning|error, with the same keys in a \
            .lwkdconv.yml at the site root (rules: {term-case: off}), and in a post with \
            <!-- lwkdconv-disable RULE -->, <!-- lwkdconv-enable RULE --> and \
            <!-- lwkdconv-disable-next-line RULE -->.

            EXAMPLES:
              lwkdconv check                                 (the site in this folder)
              lwkdconv check _posts/2026-08-16-update.md --now 2026-08-17T09:00:00-07:00
              lwkdconv check --fix --dry-run _posts          (the mechanical fixes, as a diff)
              lwkdconv check --format github $(git diff --name-only main -- _posts)

            EXIT STATUS: 0 no errors (warnings and notices allowed); 1 errors found; \
            6 a post could not be read; 64 bad usage.
            """)

    @Argument(help: "Posts, _posts/ folders or site folders (default: the current folder).")
    var paths: [String] = []

    @Option(help: "Output: human, github (workflow commands), json or sarif.")
    var format: ReportFormat = .human

    @Flag(help: "Apply the mechanical, safe fixes to the files (atomically).")
    var fix = false

    @Flag(help: "With --fix, print the fixes as a unified diff and change nothing.")
    var dryRun = false

    @Option(name: .customLong("rule"), help: "Set a rule: ID=off|notice|warning|error (repeatable).")
    var rules: [String] = []

    @Option(help: "The instant date rules judge against, RFC 3339 (default: the clock).")
    var now: String?

    @Flag(help: "List every rule with its id, default severity and why, then exit.")
    var listRules = false

    @Option(
        name: [.customShort("f"), .long],
        help: "Input format of every post; detected from content when omitted.")
    var from: String?

    func validate() throws {
        if dryRun, !fix { throw ValidationError("--dry-run goes with --fix") }
        if let now, Self.instant(now) == nil {
            throw ValidationError(
                "--now '\(now)' is not an RFC 3339 instant (such as 2026-08-13T15:16:29-07:00)")
        }
    }

    /// An RFC 3339 instant with a zone (`Z` or `±HH:MM`).
    static func instant(_ text: String) -> PostDate? {
        guard text.count >= 20, text.contains("T") || text.contains("t") else { return nil }
        let zone = text.suffix(6)
        guard text.hasSuffix("Z") || text.hasSuffix("z")
            || ((zone.first == "+" || zone.first == "-") && zone.dropFirst(3).first == ":")
        else { return nil }
        return PostDate(parsing: text)
    }

    func run() throws {
        let environment = CLIEnvironment.current
        if listRules {
            try environment.writeStandardOutput(Array(Rules.listing.utf8))
            return
        }
        let settings = try CheckSettings(rules: rules)
        let instant = try NowOption.parse(now)
        let found = try PostFinder.find(paths.isEmpty ? ["."] : paths, environment: environment)
        let site = Site.lwkd

        // Read and check every post on every core; report in the order found.
        let results = Mutex([Result<[Finding], any Error>?](repeating: nil, count: found.count))
        let fixing = fix
        let (from, dryRun) = (from, dryRun)
        let diffs = Mutex([String?](repeating: nil, count: found.count))
        DispatchQueue.concurrentPerform(iterations: found.count) { index in
            let path = found[index].path
            let outcome = Result<[Finding], any Error> {
                do {
                    let checker = Checker(
                        now: instant,
                        severities: try settings.severities(for: path, environment: environment))
                    let (post, hasBOM) = try CheckLoader.load(
                        path, from: from, site: site, environment: environment)
                    guard fixing else { return checker.findings(in: post) }
                    let (fixed, applied) = try Fixer.fixAll(post.bytes) { bytes in
                        checker.findings(
                            in: try CheckLoader.read(bytes, path: path, from: from, site: site))
                    }
                    guard !applied.isEmpty else { return checker.findings(in: post) }
                    if dryRun {
                        diffs.withLock {
                            $0[index] = UnifiedDiff.diff(post.bytes, fixed, path: path)
                        }
                    } else {
                        try OutputFile.write(
                            (hasBOM ? CheckLoader.bom : []) + fixed, to: path,
                            environment: environment)
                        for finding in applied {
                            environment.writeStandardError(
                                "\(path):\(finding.range.line):\(finding.range.column): fixed: "
                                    + "\(finding.fix?.summary ?? finding.rule) [\(finding.rule)]\n")
                        }
                    }
                    let after = try CheckLoader.read(fixed, path: path, from: from, site: site)
                    return checker.findings(in: after)
                } catch let failure as CLIFailure {
                    throw failure
                } catch {
                    throw CLIFailure(.unreadableInput, "\(path): \(error)")
                }
            }
            results.withLock { $0[index] = outcome }
        }

        var findings: [Finding] = []
        var unreadable: [CLIFailure] = []
        let outcomes: [Result<[Finding], any Error>?] = results.withLock { $0 }
        for result in outcomes {
            switch result {
            case .success(let items): findings += items
            case .failure(let failure as CLIFailure): unreadable.append(failure)
            case .failure(let error): unreadable.append(CLIFailure(.unreadableInput, "\(error)"))
            case nil: break
            }
        }
        for failure in unreadable { environment.error("lwkdconv: " + failure.message) }
        let color =
            format == .human && environment.isStandardOutputTerminal
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let report = Report.render(
            findings, files: found.count, as: format, color: color,
            version: LwkdCommand.version)
        if dryRun {
            let diff = diffs.withLock { $0.compactMap { $0 }.joined() }
            try environment.writeStandardOutput(Array(diff.utf8))
            environment.writeStandardError(Report.summary(findings, files: found.count) + "\n")
        } else {
            try environment.writeStandardOutput(Array(report.utf8))
        }
        if let first = unreadable.first { throw ExitCode(first.code.rawValue) }
        if findings.contains(where: { $0.severity == .error }) {
            throw ExitCode(LwkdExitCode.errorsFound.rawValue)
        }
    }
}
