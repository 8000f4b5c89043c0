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
