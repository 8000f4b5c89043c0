import ArgumentParser
import Foundation
import LwkdCLI
import LwkdNetCLI
import LwkdTestSupport
import Testing

/// Every command the README shows, run as written against a copy of `samples/`, so the README
/// cannot drift from the tool.
///
/// The README's `sh` blocks are read in order, `\` continuations joined and comments dropped.
/// - An `lwkdconv …` line runs in-process in one sandbox folder (the README's order matters:
///   `dkim keygen` makes the key a later line signs with) and must exit 0.
/// - A line the reader must complete (it holds `…`), or one that reaches a real mail server,
///   Buttondown or a browser (`send --smtp/--sendmail/--buttondown`, `preview`), is parsed by
///   the real command-line parser, validation included, but not run: its option names and
///   values must still be what the tool takes. Those paths have their own tests against real
///   servers (LwkdSendTests, ButtondownHandOffTests, PreviewBrowserTests).
/// - `make X` must name a Makefile target. Other shell lines (`export`, `man`, `$EDITOR`) are
///   the shell's, and the test names each one it leaves alone.
@Suite struct ReadmeCommandsTests {
    static let root = Repository.root()

    /// One command of the README, with the line it starts on.
    struct Command: CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "README.md:\(line): \(text)" }
    }

    /// The commands of every ```` ```sh ```` block, continuations joined, comments dropped.
    static func commands(in readme: String) -> [Command] {
        var commands: [Command] = []
        var inShell = false
        var pending: Command?
        for (index, raw) in readme.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = String(raw)
            if line.hasPrefix("```") {
                inShell = line == "```sh"
                continue
            }
            guard inShell else { continue }
            let code = stripComment(line).trimmingCharacters(in: .whitespaces)
            let continued = code.hasSuffix("\\")
            let piece =
                continued ? String(code.dropLast()).trimmingCharacters(in: .whitespaces) : code
            if var open = pending {
                open.text += " " + piece
                pending = open
            } else if !piece.isEmpty {
                pending = Command(line: index + 1, text: piece)
            }
            if !continued, let done = pending {
                commands.append(done)
                pending = nil
            }
        }
        return commands
    }

    /// The line without a `#` comment that starts outside quotes after a space.
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var kept = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " {
                break
            }
            kept.append(character)
            previous = character
        }
        return kept
    }

    /// Shell words: single and double quotes, and `< file` as standard input. A bare `…` (options
    /// the reader adds) is dropped when `droppingEllipsis`; a quoted one is a value.
    static func words(_ text: String, droppingEllipsis: Bool = false) -> (
        words: [String], stdin: String?
    ) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var quote: Character?
        func end() {
            if inWord, !(droppingEllipsis && !quoted && current == "…") { words.append(current) }
            current = ""
            inWord = false
            quoted = false
        }
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
                quoted = true
            } else if character == " " {
                end()
            } else {
                current.append(character)
                inWord = true
            }
        }
        end()
        var stdin: String?
        if let at = words.firstIndex(of: "<"), at + 1 < words.count {
            stdin = words[at + 1]
            words.removeSubrange(at...(at + 1))
        }
        return (words, stdin)
    }

    /// The sandbox: the samples as `post.md`, `post.txt`, `_posts/`, `site/_posts/`; the digest
    /// fixtures (real 2018 and 2022 posts) as `posts/` and `../shared/corpus`; the site's
    /// template; and a two-line subscriber list.
    static func sandbox(in dir: TemporaryDirectory) throws -> String {
        let fm = FileManager.default
        let samples = root.appendingPathComponent("samples")
        let digestPosts = root.appendingPathComponent("Tests/LwkdCLITests/Commands/digest/_posts")
        let work = dir.path + "/work"
        for folder in ["work/_posts", "work/site/_posts", "work/posts", "shared/corpus/_posts"] {
            try fm.createDirectory(
                atPath: dir.path + "/" + folder, withIntermediateDirectories: true)
        }
        let posts = try fm.contentsOfDirectory(atPath: samples.path)
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }
        for name in posts {
            let from = samples.appendingPathComponent(name).path
            // The sample of the week ending August 16 (published on the 20th) is the edition
            // the README's week works on, under the name `new` gives it.
            let edition = name == "2026-08-20-update.md" ? "2026-08-16-update.md" : name
            try fm.copyItem(atPath: from, toPath: work + "/_posts/" + edition)
            try fm.copyItem(atPath: from, toPath: work + "/site/_posts/" + name)
        }
        try fm.copyItem(
            atPath: samples.appendingPathComponent("2026").path, toPath: work + "/2026")
        try fm.copyItem(
            atPath: samples.appendingPathComponent("2026-08-20-update.md").path,
            toPath: work + "/post.md")
        try fm.copyItem(
            atPath: samples.appendingPathComponent("2026-08-13-update.txt").path,
            toPath: work + "/post.txt")
        for name in try fm.contentsOfDirectory(atPath: digestPosts.path) {
            let from = digestPosts.appendingPathComponent(name).path
            try fm.copyItem(atPath: from, toPath: work + "/posts/" + name)
            try fm.copyItem(atPath: from, toPath: dir.path + "/shared/corpus/_posts/" + name)
        }
        try fm.copyItem(
            atPath: root.appendingPathComponent("Tests/LwkdCLITests/Commands/new/template.md").path,
            toPath: work + "/template.md")
        try Data("email,name\nreader@example.org,Reader\nother@example.org,Other\n".utf8).write(
            to: URL(fileURLWithPath: work + "/subscribers.csv"))
        return work
    }

    /// Why a command is parsed and not run, or nil when it runs.
    static func parseOnlyReason(_ words: [String], text: String) -> String? {
        if text.contains("…") { return "the reader fills in …" }
        let command = words.dropFirst().first
        if command == "preview" { return "a server that runs until Ctrl-C" }
        if command == "send" {
            if words.contains("--smtp") { return "a real SMTP server" }
            if words.contains("--sendmail") { return "the machine's MTA" }
            if words.contains("--buttondown") { return "Buttondown's API" }
        }
        return nil
    }

    @Test func everyReadmeCommandRunsAsWritten() throws {
        let readme = try String(
            contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let makefile = try String(
            contentsOf: Self.root.appendingPathComponent("Makefile"), encoding: .utf8)
        let commands = Self.commands(in: readme)
        #expect(commands.count > 30, "README parsing found only \(commands.count) commands")
        let dir = try TemporaryDirectory()
        let work = try Self.sandbox(in: dir)
        var ran = 0
        var parsed: [String] = []
        var shell: [String] = []
        for command in commands {
            var (words, stdin) = Self.words(command.text)
            // `NAME=value lwkdconv …`: an environment assignment for the command.
            let assignments = words.prefix { $0.contains("=") && !$0.hasPrefix("-") }
            words.removeFirst(assignments.count)
            guard let program = words.first else { continue }
            if program == "make" {
                for target in words.dropFirst() where !target.contains("=") {
                    #expect(
                        makefile.contains("\n\(target):"),
                        "\(command): the Makefile has no target '\(target)'")
                }
                continue
            }
            guard program == "lwkdconv" else {
                shell.append("\(command.line): \(program)")
                continue
            }
            let arguments = Array(words.dropFirst())
            if let reason = Self.parseOnlyReason(words, text: command.text) {
                // A bare … stands for options the reader adds; the rest must parse as written.
                let written = Array(
                    Self.words(command.text, droppingEllipsis: true).words
                        .drop { $0 != "lwkdconv" }.dropFirst())
                #expect(
                    throws: Never.self, "\(command) (parsed only: \(reason))"
                ) { _ = try LwkdNetCommand.parseAsRoot(written) }
                parsed.append("\(command.line) (\(reason))")
                continue
            }
            let input = try stdin.map {
                try String(contentsOfFile: work + "/" + $0, encoding: .utf8)
            }
            let run = CLIRun.run(arguments, stdin: input ?? "", directory: work)
            #expect(run.code == 0, "\(command) exited \(run.code): \(run.stderr)")
            ran += 1
        }
        print(
            "README commands: \(ran) run, \(parsed.count) parsed only: \(parsed.joined(separator: "; "))"
        )
        print("README shell lines left to the shell: \(shell.joined(separator: ", "))")
        #expect(ran > 20)
        // What the run lines promise to write is there.
        for written in [
            "post.epub", "post.json", "post.html", "post.eml", "post.xml", "feed.xml", "all.xml",
            "archive.xml", "lwkd-2022.epub", "lwkd.epub", "lwkd-2022.md", "2022.atom",
            "changes-2022.eml", "dkim.pem",
        ] {
            #expect(
                FileManager.default.fileExists(atPath: work + "/" + written),
                "README promises \(written)")
        }
    }

    @Test func readmeParsingJoinsContinuationsAndDropsComments() {
        let text = """
            prose
            ```sh
            lwkdconv a.md --to html   # a comment
            lwkdconv feed _posts --title "a # b" \\
              --lang en
            # only a comment
            ```
            ```text
            lwkdconv not-a-command
            ```
            """
        let found = Self.commands(in: text)
        #expect(
            found.map(\.text) == [
                "lwkdconv a.md --to html", "lwkdconv feed _posts --title \"a # b\" --lang en",
            ])
        #expect(found.map(\.line) == [3, 4])
        #expect(
            Self.words(found[1].text).words == [
                "lwkdconv", "feed", "_posts", "--title", "a # b", "--lang", "en",
            ])
        #expect(Self.words("lwkdconv - --from plain < post.txt").stdin == "post.txt")
        #expect(
            Self.words("lwkdconv send a.md … --title \"…\"", droppingEllipsis: true).words
                == ["lwkdconv", "send", "a.md", "--title", "…"])
    }
}
