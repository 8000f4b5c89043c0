import Foundation
import LwkdCLI
import LwkdTestSupport
import Testing

/// A CR LF in an option that goes into a header or an SMTP command unencoded must not forge a
/// header or a command: each is a usage error naming the option (issue 15, item 6).
@Suite struct HeaderInjectionTests {
    let post =
        "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-06 22:00:00 -0000\n---\n\nText.\n"
    let root = Repository.root().path

    @Test(arguments: ["eml", "html-email"])
    func aLineBreakInTheUnsubscribeURLIsRefused(format: String) {
        let run = CLIRun.run(
            [
                "-", "--to", format, "--unsubscribe-url",
                "https://lwkd.info/u\r\nBcc: victim@evil.example",
            ], stdin: post, directory: root)
        #expect(run.code == 64)
        #expect(
            run.stderr.hasPrefix(
                #"Error: --unsubscribe-url 'https://lwkd.info/u\r\nBcc: victim@evil.example' refused: it holds a line break (CR or LF)"#
                    + "\n"))
        #expect(!run.stdout.contains("Bcc:"))
    }

    @Test func otherControlsAreRefusedToo() {
        let run = CLIRun.run(
            ["-", "--to", "eml", "--unsubscribe-url", "https://lwkd.info/u\u{1B}]0;pwned\u{07}"],
            stdin: post, directory: root)
        #expect(run.code == 64)
        #expect(
            run.stderr.hasPrefix(
                #"Error: --unsubscribe-url 'https://lwkd.info/u\u{1B}]0;pwned\u{7}' refused: it holds the control character \u{1B}"#
            ))
    }

    @Test(arguments: [
        ("--list-id", "LWKD <lwkd.lwkd.info>\r\nBcc: victim@evil.example"),
        ("--helo", "lwkd.info\r\nRCPT TO:<victim@evil.example>"),
        ("--unsubscribe-url", "https://lwkd.info/u/{{token}}\nBcc: victim@evil.example"),
    ])
    func sendRefusesTheOptionBeforeAnythingIsSent(option: String, value: String) throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("post.md", post)
        _ = try dir.write("list.csv", "email,token\nreader@example.org,t1\n")
        let run = CLIRun.run(
            [
                "send", "post.md", "--list", "list.csv", "--from-address", "news@lwkd.info",
                "--dry-run", "out", option, value,
            ], directory: dir.path)
        #expect(run.code == 64)
        #expect(
            run.stderr.hasPrefix("Error: \(option) '\(value.escapingControlsForTest)' refused:"),
            "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func plainValuesStillWork() {
        let run = CLIRun.run(
            ["-", "--to", "eml", "--unsubscribe-url", "https://lwkd.info/u?a=1&b=2"], stdin: post,
            directory: root)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("List-Unsubscribe: <https://lwkd.info/u?a=1&b=2>\r\n"))
    }
}

extension String {
    /// CR and LF as `\r` and `\n`, as the messages show them.
    fileprivate var escapingControlsForTest: String {
        replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// `send --journal` writes only into a journal, and says which of its lines it cannot read
/// (issue 15, item 4). Sent with `--sendmail` to a script in the test's folder.
@Suite struct SendJournalTests {
    let post =
        "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-06 22:00:00 -0000\n---\n\nText.\n"

    private func folder() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        _ = try dir.write("post.md", post)
        _ = try dir.write("list.csv", "email,name\nreader@example.org,Reader\n")
        let script = try dir.write("sendmail", "#!/bin/sh\ncat > /dev/null\n")
        chmod(script, 0o755)
        return dir
    }

    private func send(journal: String, in dir: TemporaryDirectory) -> CLIRun {
        CLIRun.run(
            [
                "send", "post.md", "--list", "list.csv", "--from-address", "news@lwkd.info",
                "--sendmail", "--sendmail-program", dir.path + "/sendmail", "--journal", journal,
                // Without an https unsubscribe URL, stderr would carry that warning too.
                "--unsubscribe-url", "https://lwkd.info/u/{{email}}",
            ], directory: dir.path)
    }

    @Test(arguments: ["list.csv", "post.md"])
    func aFileThatIsNotAJournalIsRefusedAndLeftAlone(name: String) throws {
        let dir = try folder()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name))
        let run = send(journal: name, in: dir)
        #expect(run.code == 7)
        #expect(
            run.stderr
                == "lwkdconv: journal \(dir.path)/\(name): not a send journal (its first line is neither a journal header nor a record); give --journal a new file\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name)) == before)
    }

    @Test func unreadableLinesAreWarnedAboutByNumber() throws {
        let dir = try folder()
        _ = try dir.write(
            "j",
            #"{"event":"journal","format":"lwkdconv send journal","version":"1"}"#
                + "\nnot json\n")
        let run = send(journal: "j", in: dir)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr == "lwkdconv: j:2: warning: journal line cannot be read; ignored\n")
    }
}
