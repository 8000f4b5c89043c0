import Foundation
import LwkdTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `lwkdconv preview` in a real browser (Debian's headless Chromium): every pane, live
/// reloading after an edit, a broken post's error, and path traversal refused (issue 17).
@Suite(
    .serialized,
    .enabled(
        if: PreviewProcess.isBuilt, "the lwkdconv binary is not built (make test builds it first)"))
struct PreviewBrowserTests {
    static var samplePost: String {
        (try? String(
            contentsOf: Repository.samples.appendingPathComponent("2026-08-20-update.md"),
            encoding: .utf8)) ?? ""
    }

    @Test(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func everyPaneShowsWithItsContent() throws {
        let preview = try PreviewProcess(post: Self.samplePost)
        let dom = try Chromium.dumpDOM(preview.url)
        #expect(dom.contains("<title>Preview: Week Ending August 16, 2026</title>"))
        for id in [
            "html-email", "web", "plain", "bluesky", "mastodon", "epub", "atom", "facts",
            "findings", "source",
        ] {
            #expect(dom.contains("id=\"\(id)\""), "pane \(id)")
        }
        #expect(dom.contains("src=\"/frame/html-email?v=1\" width=\"600\""))
        #expect(dom.contains("src=\"/frame/html-email?v=1\" width=\"375\""))
        // The plain text, the EPUB chapter and the Atom entry, each with the post's words.
        #expect(
            dom.contains("now lists every SIG's meeting")
                || dom.contains("now lists every SIG’s meeting"))
        #expect(
            dom.contains("&lt;html xmlns=\"http://www.w3.org/1999/xhtml\""),
            "EPUB chapter as XHTML source")
        #expect(dom.contains("&lt;entry&gt;") || dom.contains("&lt;entry "), "the Atom entry")
        #expect(dom.contains("/ 300 graphemes"), "Bluesky count against its limit")
        #expect(dom.contains("/ 500 characters"), "Mastodon count against its limit")
        #expect(dom.contains("https://lwkd.info/2026/20260820"), "the permalink fact")
        #expect(dom.contains("LWKD: Week Ending August 16, 2026"), "the subject fact")
        #expect(dom.contains("<li id=\"L13\"><code>=============="), "source lines with anchors")

        let email = try Chromium.dumpDOM(preview.url + "frame/html-email")
        #expect(email.contains("Developer News"))
        #expect(email.contains("View this issue online"))
        let web = try Chromium.dumpDOM(preview.url + "frame/web")
        #expect(web.contains("<time datetime=\"2026-08-20T22:00:00Z\">August 20, 2026</time>"))
    }

    @Test(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func anEditShowsWithoutAManualReload() throws {
        let preview = try PreviewProcess(post: Self.samplePost)
        let browser = try Chromium.Session(preview.url)
        #expect(browser.waitForTitle(within: 30) { $0 == "Preview: Week Ending August 16, 2026" })
        // Let the page's event stream connect before the edit.
        usleep(1_000_000)
        try preview.write(
            Self.samplePost.replacingOccurrences(
                of: "title: Week Ending August 16, 2026", with: "title: Week Ending August 17, 2026"
            ))
        let shown = browser.waitForTitle(within: 2) { $0 == "Preview: Week Ending August 17, 2026" }
        #expect(shown, "the page showed the edit within 2 s; server said: \(preview.stderr)")
    }

    @Test(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func aBrokenPostShowsItsErrorWithTheLineAndTheServerKeepsRunning() throws {
        let broken = "---\ntitle: Week Ending August 16, 2026\ndate: [2026-08-20\n---\n\nText.\n"
        let preview = try PreviewProcess(post: broken)
        let dom = try Chromium.dumpDOM(preview.url)
        #expect(dom.contains("The post could not be read"))
        #expect(dom.contains("front matter is not valid YAML"))
        let line = try #require(
            dom.range(of: "href=\"#L(\\d+)\">line \\d+", options: .regularExpression).map {
                String(dom[$0])
            })
        #expect(line.contains("#L3") || line.contains("#L4"), "\(line)")
        #expect(dom.contains("<pre class=\"excerpt\">"), "the line is shown with its source")
        // Fixed on disk, it renders again.
        try preview.write(Self.samplePost)
        var fixed = ""
        for _ in 0..<50 where !fixed.contains("id=\"html-email\"") {
            usleep(100_000)
            fixed = RawHTTP.body(RawHTTP.get("/", port: preview.port))
        }
        #expect(fixed.contains("id=\"html-email\""))
        #expect(!fixed.contains("The post could not be read"))
    }

    @Test func pathTraversalGets404() throws {
        let preview = try PreviewProcess(post: Self.samplePost)
        try Data("secret\n".utf8).write(
            to: URL(fileURLWithPath: preview.folder + "/secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: preview.folder + "/site/leak.txt",
            withDestinationPath: preview.folder + "/secret.txt")
        let served = RawHTTP.get("/files/2026-08-20-update.md", port: preview.port)
        #expect(RawHTTP.status(served) == 200, "a file of the post's folder is served")
        #expect(RawHTTP.body(served).hasPrefix("---\nlayout: post"))
        for path in [
            "/files/../secret.txt", "/files/..%2fsecret.txt", "/files/..%2Fsecret.txt",
            "/files/%2e%2e/secret.txt", "/files/%2e%2e%2fsecret.txt", "/../secret.txt",
            "/files/./../secret.txt", "/files/..%5csecret.txt", "/files/leak.txt",
            "/files/../../../../../../etc/passwd", "/files/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/files//etc/passwd", "/frame/../files/../secret.txt",
        ] {
            let response = RawHTTP.get(path, port: preview.port)
            #expect(RawHTTP.status(response) == 404, "\(path): \(response.prefix(200))")
            #expect(!response.contains("secret"), "\(path)")
        }
        let rebound = RawHTTP.get("/", port: preview.port, host: "attacker.example")
        #expect(RawHTTP.status(rebound) == 403, "a request for another host name is refused")
    }

    /// Polls `path` until its body satisfies `test` (at most 10 s); the last body.
    static func poll(_ path: String, _ preview: PreviewProcess, until test: (String) -> Bool)
        -> String
    {
        var body = ""
        for _ in 0..<100 {
            body = RawHTTP.body(RawHTTP.get(path, port: preview.port))
            if test(body) { break }
            usleep(100_000)
        }
        return body
    }

    @Test func aChangeOfTheSiteSettingsRendersAgain() throws {
        let preview = try PreviewProcess(post: Self.samplePost)
        let before = RawHTTP.body(RawHTTP.get("/", port: preview.port))
        #expect(before.contains("[week-ending-mismatch]"))
        try preview.write("rules:\n  week-ending-mismatch: off\n", name: ".lwkdconv.yml")
        let after = Self.poll("/", preview) { !$0.contains("[week-ending-mismatch]") }
        #expect(!after.contains("[week-ending-mismatch]"), "the rule turned off in .lwkdconv.yml")
        #expect(after.contains("data-version=\"2\""))
    }

    @Test func aChangeOfTheThemeRendersAgain() throws {
        let preview = try PreviewProcess(
            post: Self.samplePost, arguments: ["--theme", "./mytheme"],
            before: { folder in
                try FileManager.default.createDirectory(
                    atPath: folder + "/mytheme", withIntermediateDirectories: true)
                try Data(#"{"name": "mytheme", "variables": {"newsletter_name": "Before"}}"#.utf8)
                    .write(to: URL(fileURLWithPath: folder + "/mytheme/theme.json"))
            })
        #expect(
            RawHTTP.body(RawHTTP.get("/frame/html-email", port: preview.port)).contains(">Before<"))
        try Data(#"{"name": "mytheme", "variables": {"newsletter_name": "After"}}"#.utf8)
            .write(
                to: URL(fileURLWithPath: preview.folder + "/mytheme/theme.json"), options: .atomic)
        let after = Self.poll("/frame/html-email", preview) { $0.contains(">After<") }
        #expect(after.contains(">After<"), "the theme's new newsletter name")
    }

    @Test func ctrlCStopsCleanly() throws {
        let preview = try PreviewProcess(post: Self.samplePost)
        #expect(RawHTTP.status(RawHTTP.get("/", port: preview.port)) == 200)
        let status = preview.interrupt()
        #expect(status == 0, "exit status after SIGINT; stderr: \(preview.stderr)")
        #expect(preview.stderr.contains("preview stopped"))
        #expect(RawHTTP.get("/", port: preview.port).isEmpty, "nothing listens any more")
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: preview.folder + "/site")
        #expect(leftovers == ["2026-08-20-update.md"], "nothing written to disk")
    }
}
