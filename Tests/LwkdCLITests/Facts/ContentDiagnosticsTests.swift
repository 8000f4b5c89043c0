import Foundation
import LwkdModel
import Testing

/// Issue 10: every content diagnostic names file, line, column and the offending text, once
/// per occurrence; a correct site-root image is no warning at all.
@Suite struct ContentDiagnosticsTests {
    /// Runs `--to format` on a post holding `body` (front matter is 4 lines, so the body's
    /// first line is line 5) and returns the warning lines.
    func warnings(_ body: String, format: String = "html-email", extra: [String] = [])
        throws -> [String]
    {
        let directory = try TemporaryDirectory()
        let text = """
            ---
            title: Week Ending August 16, 2026
            date: 2026-08-20 22:00:00 -0000
            ---
            \(body)
            """
        _ = try directory.write("2026-08-16-update.md", text)
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", format, "-o", directory.path + "/out"] + extra,
            directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        return run.stderr.split(separator: "\n").map(String.init).filter {
            $0.contains("warning:")
        }
    }

    @Test func wrappedURLIsRecoveredAtItsColumn() throws {
        let found = try warnings(
            "See [the PR]((https://github.com/kubernetes/kubernetes/pull/134265)) now.")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:5:5: warning: link destination "
                    + "'(https://github.com/kubernetes/kubernetes/pull/134265)' is not a URL; "
                    + "read as https://github.com/kubernetes/kubernetes/pull/134265"
            ])
    }

    @Test func destinationThatIsNoURLBecomesText() throws {
        let found = try warnings("A line.\nThen [this](<(see https://x.example/a>) here.")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:6:6: warning: link destination "
                    + "'(see https://x.example/a' is not a URL; written as text"
            ])
    }

    @Test func schemelessHostGetsHTTPS() throws {
        let found = try warnings("Use [tiers](cloud.google.com/network-tiers).")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:5:5: warning: link 'cloud.google.com/network-tiers' "
                    + "has no scheme; written as https://cloud.google.com/network-tiers"
            ])
    }

    @Test func relativeLinkIsResolvedAgainstTheSite() throws {
        let found = try warnings("Read the [metric](apiserver_request_error_total) docs.")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:5:10: warning: relative link "
                    + "'apiserver_request_error_total' resolved against the site as "
                    + "https://lwkd.info/apiserver_request_error_total"
            ])
    }

    @Test func siteRootImageIsNoWarning() throws {
        #expect(try warnings("![logo](/2018/images/logo.png)\n\n[home](/about/)").isEmpty)
    }

    @Test func sameProblemTwiceIsReportedTwiceAtEachPlace() throws {
        let found = try warnings("[a](cloud.google.com/x) and\n[b](cloud.google.com/x)")
        #expect(found.count == 2)
        #expect(found.first?.contains("md:5:1:") == true)
        #expect(found.last?.contains("md:6:1:") == true)
    }

    @Test func continuationLineColumnIsTheLinksOwn() throws {
        // cmark counts from after a continuation line's leading spaces; the column is the file's.
        let found = try warnings("First line\n   then [x](cloud.google.com/y)")
        #expect(found.first?.contains("md:6:9:") == true, "\(found)")
    }

    @Test func removedRawHTMLNamesItsLine() throws {
        let found = try warnings("Text.\n\n<div onclick=\"steal()\">hello</div>")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:7:1: warning: raw HTML "
                    + "'<div onclick=\"steal()\">hello</div>': removed onclick attribute on <div>"
            ])
    }

    @Test func remoteImageInEPUBNamesItsPlace() throws {
        let found = try warnings("Text.\n\n![chart](https://example.com/c.png)", format: "epub")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:7:1: warning: remote image "
                    + "https://example.com/c.png cannot be embedded in EPUB; linked with its alt "
                    + "text instead"
            ])
    }

    @Test func characterXMLForbidsIsNamed() throws {
        let found = try warnings("A form feed \u{0C} here.", format: "atom")
        #expect(
            found == [
                "lwkdconv: 2026-08-16-update.md:5:1: warning: character U+000C is not allowed "
                    + "in XML; dropped"
            ])
    }

    @Test func oversizedEmailNamesThePost() throws {
        let big = (0..<6000).map { "Paragraph \($0) with some words in it." }.joined(
            separator: "\n\n")
        let found = try warnings(big)
        #expect(found.count == 1)
        #expect(found.first?.contains("2026-08-16-update.md: warning: HTML e-mail is ") == true)
    }
}
