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
}
