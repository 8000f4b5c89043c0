import Foundation
import LwkdCLI
import LwkdTestSupport
import Testing

/// `--theme`, `--unsubscribe-url` and the eml header options (issue 4).
@Suite struct EmailOptionsTests {
    let post =
        "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-06 22:00:00 -0000\n---\n\nSee [notes](/2026/x) and [tiers](cloud.google.com/network-tier).\n"
    let root = Repository.root().path

    @Test func themedEmailFromTheThemesFolder() {
        let run = CLIRun.run(
            ["-", "--to", "html-email", "--theme", "lwkd"], stdin: post, directory: root)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("src=\"https://lwkd.info/images/logo.png\""))
        #expect(run.stdout.contains("href=\"https://lwkd.info/2026/x\""))
        #expect(run.stdout.contains("href=\"mailto:lwkd@lwkd.info?subject=unsubscribe\""))
        let placeholder = CLIRun.run(
            ["-", "--to", "html-email", "--unsubscribe-url", "{{unsubscribe_url}}"], stdin: post,
            directory: root)
        #expect(placeholder.stdout.contains("href=\"{{unsubscribe_url}}\""))
        #expect(run.stderr.contains("warning: link 'cloud.google.com/network-tier' has no scheme"))
        // A site-root link is correct; it is resolved without a word.
        #expect(!run.stderr.contains("relative"))
    }

    @Test func unknownThemeExitsFive() {
        let run = CLIRun.run(
            ["-", "--to", "html-email", "--theme", "nope"], stdin: post, directory: root)
        #expect(run.code == 5)
        #expect(run.stderr.hasPrefix("lwkdconv: unknown theme 'nope'"))
        #expect(run.stdout.isEmpty)
    }

    @Test func emlHeadersFromOptions() {
        let run = CLIRun.run(
            [
                "-", "--to", "eml", "--from-address", "Editors <ed@example.org>", "--to-address",
                "list@example.org",
                "--subject", "Hello", "--date", "2026-08-07 09:30:00 +0200", "--unsubscribe-url",
                "https://example.org/u",
            ],
            stdin: post, directory: root)
        #expect(run.code == 0, "\(run.stderr)")
        for header in [
            "From: Editors <ed@example.org>", "To: list@example.org", "Subject: Hello",
            "Date: Fri, 07 Aug 2026 07:30:00 +0000", "List-Unsubscribe: <https://example.org/u>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        ] {
            #expect(
                run.stdout.contains("\r\n" + header + "\r\n")
                    || run.stdout.hasPrefix(header + "\r\n"), "\(header)")
        }
    }

    @Test func badDateIsAUsageError() {
        let run = CLIRun.run(
            ["-", "--to", "eml", "--date", "next week"], stdin: post, directory: root)
        #expect(run.code == 64)
    }
}
