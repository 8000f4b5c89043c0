import Foundation
import LwkdCLI
import LwkdModel
import Testing

/// Errors that say what is true, and never carry terminal controls (issue 15, item 12).
@Suite struct TruthfulErrorTests {
    @Test func controlsInDiagnosticsAreShownEscaped() throws {
        let root = try TemporaryDirectory()
        _ = try root.write(
            "post.md",
            "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-03 22:00:00 -0000\n---\n\nSee [x](\u{1B}]0;pwned\u{07}) and [y](javascript:\u{1B}[2J).\n"
        )
        let run = CLIRun.run(["post.md", "--to", "html"], directory: root.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains { $0.isControl && $0 != "\n" }, "\(run.stderr)")
        #expect(run.stderr.contains(#"\u{1B}]0;pwned\u{7}"#), "\(run.stderr)")
        // One line per message.
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("lwkdconv: ") })
    }

    @Test func aDiagnosticIsOneLineWhateverItQuotes() {
        let diagnostic = Diagnostic(
            .warning, "link 'a\r\nb\u{1B}[2J' is odd", file: "p\u{7}.md", line: 3, column: 1)
        #expect(diagnostic.description == #"p\u{7}.md:3:1: warning: link 'a\r\nb\u{1B}[2J' is odd"#)
    }

    @Test func plainOutputHoldsNoControlsButTabAndNewline() throws {
        let post =
            "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-03 22:00:00 -0000\n---\n\nHello\u{1B}[2J there, [link](https://lwkd.info/\u{1B}]0;x\u{07}) and\u{9B}31m red.\n"
        let run = CLIRun.run(["-", "--to", "plain"], stdin: post)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(!run.stdout.unicodeScalars.contains { $0.isControl && $0 != "\n" && $0 != "\t" })
        #expect(run.stdout.contains("Hello[2J there"))
    }

    @Test func malformedJSONNamesItsLineAndColumn() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("post.json", "{\"version\": \"1.0\",\n  \"blocks\": [ }\n")
        let run = CLIRun.run(["post.json", "--to", "plain"], directory: root.path)
        #expect(run.code == 6)
        #expect(run.stderr == "lwkdconv: post.json:2:15: not valid JSON: invalid value\n")
    }

    @Test func aJSONFileIsNeverTakenForPlainText() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("post.json", "[[[1, 2, [3]]]]\n")
        let run = CLIRun.run(["post.json", "--to", "plain"], directory: root.path)
        #expect(run.code == 6)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lwkdconv: post.json: not a lwkdconv JSON document: "))
    }

    @Test func aMissingVersionSaysWhere() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("post.json", #"{"blocks": []}"#)
        let run = CLIRun.run(["post.json", "--to", "plain"], directory: root.path)
        #expect(run.code == 6)
        #expect(
            run.stderr
                == "lwkdconv: post.json: not a lwkdconv JSON document: missing 'version' at the top level\n"
        )
    }

    @Test(arguments: ["", "\n\n  \n"])
    func strictFailsOnAnEmptyInput(_ text: String) throws {
        let run = CLIRun.run(["-", "--to", "html", "--strict"], stdin: text)
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    // MARK: - What a path really is

    static let post = "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-06 22:00:00 -0000\n---\n\nText.\n"

    /// A FIFO is refused without being opened for a read that would wait for a writer.
    @Test func aFIFOIsNotARegularFile() throws {
        let root = try TemporaryDirectory()
        #expect(mkfifo(root.path + "/pipe.md", 0o600) == 0)
        let run = CLIRun.run(["pipe.md", "--to", "html"], directory: root.path)
        #expect(run.code == 6)
        #expect(
            run.stderr
                == "lwkdconv: pipe.md: is a FIFO (named pipe), not a regular file; give a file, or '-' to read standard input\n"
        )
    }

    /// A symlink loop and a broken symlink once both said "no such file".
    @Test(arguments: [
        (["a.md": "b.md", "b.md": "a.md"], "is a symlink loop (its links lead back to themselves), not a file"),
        (["a.md": "gone.md"], "is a broken symlink (its target does not exist)"),
    ])
    func aSymlinkThatLeadsNowhereIsNamedSo(links: [String: String], message: String) throws {
        let root = try TemporaryDirectory()
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(
                atPath: root.path + "/" + link, withDestinationPath: target)
        }
        let run = CLIRun.run(["a.md", "--to", "html"], directory: root.path)
        #expect(run.code == 6)
        #expect(run.stderr == "lwkdconv: a.md: \(message)\n")
    }

    /// `--list DIR` once said "not a post".
    @Test func aFolderAsTheRecipientListSaysWhatToGive() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("post.md", Self.post)
        try FileManager.default.createDirectory(
            atPath: root.path + "/subscribers", withIntermediateDirectories: true)
        let run = CLIRun.run(
            [
                "send", "post.md", "--list", "subscribers", "--from-address", "news@lwkd.info",
                "--dry-run", "out",
            ], directory: root.path)
        #expect(run.code == 6)
        #expect(
            run.stderr.hasSuffix(
                "lwkdconv: subscribers: is a folder, not a recipient list; give the CSV file, as in --list subscribers.csv\n"
            ), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/out"))
    }

    // MARK: - --strict

    @Test(arguments: [
        "Just a line of text.\n",
        "---\ndate: 2026-08-06 22:00:00 -0000\n---\n\nText.\n",
        "---\ntitle: \"\"\n---\n\nText.\n",
    ])
    func strictFailsOnAPostWithoutATitle(_ text: String) throws {
        let loose = CLIRun.run(["-", "--to", "html"], stdin: text)
        #expect(loose.code == 0, "\(loose.stderr)")
        #expect(loose.stderr.contains("warning: "), "no title is worth a warning: \(loose.stderr)")
        let strict = CLIRun.run(["-", "--to", "html", "--strict"], stdin: text)
        #expect(strict.code == 3, "\(strict.stderr)")
        #expect(strict.stdout.isEmpty)
    }

    // MARK: - Gmail's clipping, said once for every mail format

    @Test(arguments: ["html-email", "eml"])
    func aMessageGmailWouldClipIsWarnedAbout(_ format: String) throws {
        let root = try TemporaryDirectory()
        let paragraphs = (1...1500).map { "Paragraph \($0) of a very long week in Kubernetes.\n" }
        _ = try root.write("post.md", Self.post + "\n" + paragraphs.joined(separator: "\n"))
        let run = CLIRun.run(["post.md", "--to", format, "-o", "out"], directory: root.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                #/lwkdconv: post.md: warning: HTML e-mail is \d+ bytes; Gmail clips messages over 102000 bytes/#
            ), "\(run.stderr)")
    }
}
