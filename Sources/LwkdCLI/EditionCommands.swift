import ArgumentParser
import Foundation
import LwkdCheck
import LwkdModel

/// `--now`: an RFC 3339 instant with any offset; the clock when omitted.
enum NowOption {
    static func parse(_ text: String?, option: String = "--now") throws -> PostDate {
        guard let text else { return SendClock.now() }
        guard let instant = CheckCommand.instant(text) else {
            throw CLIFailure(
                .usage,
                "\(option) '\(text)' is not an RFC 3339 instant (such as 2026-08-13T15:16:29-07:00)")
        }
        return instant
    }
}

/// `lwkdconv new [next|last|YYYY-MM-DD]`: the site's next edition from its `template.md`.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        // Parsed on its own (LwkdMain.directSubcommand): ArgumentParser then skips its
        // completion-script probe, which only the root answers.
        _superCommandName: "lwkdconv",
        abstract: "Start an edition: _posts/YYYY-MM-DD-update.md from the site's template.md.",
        discussion: """
            The edition is dated on a Sunday: 'next' (the default) is the coming Sunday, or \
            today when today is Sunday; 'last' is the Sunday before that; a date must be a \
            Sunday unless --force. The template's POST_DATE, POST_SLUG_DATE and \
            "Month DD, YYYY" are filled in ("August 2, 2026") and its runs of blank lines \
            folded. Prints the path written.

            EXAMPLES:
              lwkdconv new                        (the coming Sunday's edition in this site)
              lwkdconv new last --site ~/lwkd
              lwkdconv new 2026-08-02 --branch    (also creates the git branch 20260802)
            """)

    @Argument(help: "next, last or YYYY-MM-DD (default: next).")
    var day: String = "next"

    @Option(help: "The site folder (its template.md and _posts/).")
    var site: String = "."

    @Option(help: "The template to fill in (default: the site's template.md).")
    var template: String?

    @Option(help: "The instant 'next' and 'last' count from, RFC 3339 (default: the clock).")
    var now: String?

    @Flag(help: "Overwrite an existing post, or accept a day that is not a Sunday.")
    var force = false

    @Flag(help: "Also create the git branch YYYYMMDD when the site is a git checkout.")
    var branch = false

    /// The edition's Sunday for `day` counted from `now` (its own calendar day).
    static func editionDay(_ day: String, now: PostDate) -> PostDate? {
        let today = now.localDayNumber
        let next = today + (7 - now.localWeekday) % 7
        switch day {
        case "next": return PostDate(dayNumber: next)
        case "last": return PostDate(dayNumber: next - 7)
        default:
            guard day.count == 10, let date = PostDate(parsing: day) else { return nil }
            return date
        }
    }

    func run() throws {
        let environment = CLIEnvironment.current
        let instant = try NowOption.parse(now)
        guard let sunday = Self.editionDay(day, now: instant) else {
            throw CLIFailure(.usage, "'\(day)' is not next, last or a YYYY-MM-DD date")
        }
        if sunday.localWeekday != 0, !force {
            let name = PostDate.weekdayNames[sunday.localWeekday]
            throw CLIFailure(
                .usage, "\(sunday.isoDay) is a \(name); editions end on a Sunday (or give --force)")
        }
        let templatePath = template ?? join(site, "template.md")
        let raw = try InputLoader.bytes(of: templatePath, environment: environment, kind: .template)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw CLIFailure(.unreadableInput, "\(templatePath): not UTF-8 text")
        }
        let filled = Self.fill(text, sunday: sunday)
        let path = join(join(site, "_posts"), "\(sunday.isoDay)-update.md")
        let full = InputLoader.resolve(path, in: environment)
        if FileManager.default.fileExists(atPath: full), !force {
            throw CLIFailure(
                .outputNotWritten, "\(path) already exists; edit it, or give --force to start over")
        }
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try OutputFile.write(Array(filled.utf8), to: path, environment: environment)
        if branch { try makeBranch(sunday, environment: environment) }
        try environment.writeStandardOutput(Array((path + "\n").utf8))
    }

    /// The template with the site's placeholders filled in for the edition of `sunday`, and
    /// its runs of blank lines (which `check` would flag) folded into one; every other byte is
    /// the template's.
    static func fill(_ template: String, sunday: PostDate) -> String {
        let filled = template
            .replacingOccurrences(of: "Month DD, YYYY", with: DateStyle.newsletter.format(sunday))
            .replacingOccurrences(of: "POST_SLUG_DATE", with: sunday.isoDay)
            .replacingOccurrences(of: "POST_DATE", with: sunday.isoDay)
        var lines: [Substring] = []
        var inFence = false
        for line in filled.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if blank, !inFence, let last = lines.last,
                last.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }), lines.count > 1
            {
                continue
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    private func makeBranch(_ sunday: PostDate, environment: CLIEnvironment) throws {
        let name = sunday.isoDay.replacingOccurrences(of: "-", with: "")
        let folder = InputLoader.resolve(site, in: environment)
        let (status, said) = Git.run(["-C", folder, "rev-parse", "--is-inside-work-tree"])
        guard status == 0, said.hasPrefix("true") else {
            throw CLIFailure(.usage, "--branch: \(site) is not a git checkout")
        }
        let (created, error) = Git.run(["-C", folder, "checkout", "-b", name])
        guard created == 0 else {
            throw CLIFailure(.outputNotWritten, "--branch: git could not create \(name): \(error)")
        }
    }

    private func join(_ a: String, _ b: String) -> String {
        a == "." ? b : (a.hasSuffix("/") ? a + b : a + "/" + b)
    }
}

/// Runs git and returns its status and output (standard output and error together).
enum Git {
    static func run(_ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "git not found") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }
}

/// `lwkdconv stamp POST`: `date:` set to now in UTC, every other byte kept.
struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        // Parsed on its own (LwkdMain.directSubcommand): ArgumentParser then skips its
        // completion-script probe, which only the root answers.
        _superCommandName: "lwkdconv",
        abstract: "Set a post's date: to now, in UTC (YYYY-MM-DD HH:MM:SS -0000).",
        discussion: """
            A text edit of the front matter's date: line: comments, quotes, key order and \
            line endings stay as they were. With --feed, warns when the new date moves the \
            post's permalink or feed id away from one the site's built feed already lists.

            EXAMPLES:
              lwkdconv stamp _posts/2026-08-16-update.md
              lwkdconv stamp _posts/2026-08-16-update.md --feed _site/feed.xml
              lwkdconv stamp --install-hook       (a git pre-commit hook that stamps the newest staged post)
            """)

    @Argument(help: "The post to stamp.")
    var post: String?

    @Option(help: "The instant to stamp, RFC 3339 (default: the clock).")
    var now: String?

    @Option(help: "The site's built Atom feed, to warn when a permalink or id would move.")
    var feed: String?

    @Flag(help: "Write a git pre-commit hook that stamps the newest staged post, then exit.")
    var installHook = false

    func run() throws {
        let environment = CLIEnvironment.current
        if installHook { return try StampHook.install(environment: environment) }
        guard let post else { throw CLIFailure(.usage, "missing POST (the post to stamp)") }
        let instant = try NowOption.parse(now).utc
        let raw = try InputLoader.bytes(of: post, environment: environment)
        let before = try CheckLoader.read(raw, path: post, from: nil, site: .lwkd)
        let stamp = instant.frontMatterText
        let stamped = try Self.stamped(raw, with: stamp, post: before)
        let after = try CheckLoader.read(stamped, path: post, from: nil, site: .lwkd)
        if let feed { try warnIfMoved(before.facts, after.facts, feed: feed, environment) }
        if stamped != raw { try OutputFile.write(stamped, to: post, environment: environment) }
        try environment.writeStandardOutput(Array("\(post): date: \(stamp)\n".utf8))
    }

    /// `raw` with its `date:` value replaced by `stamp` (quotes kept), or a `date:` line added
    /// before the closing `---` when there is none.
    static func stamped(_ raw: [UInt8], with stamp: String, post: CheckedPost) throws -> [UInt8] {
        let bom = raw.starts(with: CheckLoader.bom) ? CheckLoader.bom : []
        var bytes = Array(raw.dropFirst(bom.count))
        guard post.frontMatterEnd > 0 else {
            throw CLIFailure(
                .unreadableInput, "\(post.path): no front matter to stamp (it must start with ---)")
        }
        if let span = post.valueSpan(of: "date") {
            bytes.replaceSubrange(span, with: Array(stamp.utf8))
        } else if let line = post.post.sourceMap.metaLines["date"], line < post.frontMatterEnd {
            // `date:` with no value.
            let end = post.line(line).endIndex
            bytes.replaceSubrange(end..<end, with: Array(" \(stamp)".utf8))
        } else {
            let closing = post.fullLine(post.frontMatterEnd).lowerBound
            let ending = post.line(1).endIndex < bytes.count && bytes[post.line(1).endIndex] == 13
                ? "\r\n" : "\n"
            bytes.replaceSubrange(closing..<closing, with: Array("date: \(stamp)\(ending)".utf8))
        }
        return bom + bytes
    }

    private func warnIfMoved(
        _ before: PostFacts, _ after: PostFacts, feed: String, _ environment: CLIEnvironment
    ) throws {
        let text = String(
            decoding: try InputLoader.bytes(of: feed, environment: environment, kind: .feed), as: UTF8.self)
        for (what, old, new) in [
            ("permalink", before.permalink, after.permalink), ("feed id", before.id, after.id),
        ] {
            guard let old, let new, old != new, text.contains(old) else { continue }
            environment.error(
                "lwkdconv: \(post ?? ""): warning: the new date moves the \(what) from \(old), "
                    + "which \(feed) already lists, to \(new); readers' links and feed readers "
                    + "will see a new post")
        }
    }
}

/// The git pre-commit hook `stamp --install-hook` writes.
enum StampHook {
    static func install(environment: CLIEnvironment) throws {
        let (status, hooks) = Git.run([
            "-C", environment.currentDirectory, "rev-parse", "--git-path", "hooks",
        ])
        guard status == 0 else {
            throw CLIFailure(.usage, "--install-hook: this folder is not in a git checkout")
        }
        let folder = hooks.hasPrefix("/") ? hooks : environment.currentDirectory + "/" + hooks
        let path = folder + "/pre-commit"
        if FileManager.default.fileExists(atPath: path) {
            throw CLIFailure(
                .outputNotWritten,
                "\(path) already exists; add 'lwkdconv stamp' to it by hand, or remove it first")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try OutputFile.write(Array(script.utf8), to: path, environment: environment)
        chmod(path, 0o755)
        try environment.writeStandardOutput(Array("\(path): stamps the newest staged post\n".utf8))
    }

    /// The program that installs the hook, when it is an lwkdconv; else whatever is on PATH.
    static var program: String {
        let argument = CommandLine.arguments.first ?? "lwkdconv"
        guard (argument as NSString).lastPathComponent == "lwkdconv" else { return "lwkdconv" }
        if argument.contains("/"), let real = realpath(argument, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return "lwkdconv"
    }

    static var script: String {
        """
        #!/bin/sh
        # Written by `lwkdconv stamp --install-hook`: stamps the newest staged post's date:
        # with the commit time (UTC), so GitHub Pages publishes it.
        LWKDCONV="${LWKDCONV:-\(program)}"
        post=$(git diff --cached --name-only --diff-filter=AM -- '_posts/*' | sort | tail -n 1)
        [ -n "$post" ] || exit 0
        "$LWKDCONV" stamp "$post" > /dev/null || exit 1
        git add -- "$post"

        """
    }
}
