import Foundation
import LwkdCLI
import Testing

/// `--to html` keeps the author's raw HTML (the site's own page) and `--sanitize` applies the
/// e-mail rules to it, for one post, a folder of posts and the help that says so (issue 15).
@Suite struct WebSanitizeTests {
    static let post = """
        ---
        title: Week Ending August 2, 2026
        date: 2026-08-06 22:00:00 -0000
        ---

        <div onclick="track()"><a href="javascript:go()">raw</a></div>

        <script>window.x = 1;</script>

        Text.

        """

    static let dangerous = ["<script", "onclick", "javascript:"]

    @Test func oneFileKeepsRawHTMLUnlessSanitized() throws {
        let kept = CLIRun.run(["-", "--to", "html"], stdin: Self.post)
        #expect(kept.code == 0, "\(kept.stderr)")
        for needle in Self.dangerous { #expect(kept.stdout.contains(needle), "\(needle)") }
        #expect(kept.stderr.isEmpty, "\(kept.stderr)")

        let clean = CLIRun.run(["-", "--to", "html", "--sanitize"], stdin: Self.post)
        #expect(clean.code == 0, "\(clean.stderr)")
        for needle in Self.dangerous { #expect(!clean.stdout.contains(needle), "\(needle)") }
        #expect(clean.stdout.contains("<div>raw</div>") && clean.stdout.contains("Text."))
        #expect(clean.stderr.contains("-:6:1: warning: raw HTML"), "\(clean.stderr)")
        #expect(clean.stderr.contains("removed <script> element"), "\(clean.stderr)")
    }

    @Test func aFolderOfPostsIsSanitizedToo() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/posts", withIntermediateDirectories: true)
        _ = try root.write("posts/2026-08-02-update.md", Self.post)
        let run = CLIRun.run(
            ["posts", "--to", "html", "--sanitize", "-o", "out/", "-q"], directory: root.path)
        #expect(run.code == 0, "\(run.stderr)")
        let page = try String(
            contentsOfFile: root.path + "/out/2026-08-02-update.html", encoding: .utf8)
        for needle in Self.dangerous { #expect(!page.contains(needle), "\(needle)") }
    }

    @Test func theHelpSaysTheWebPageKeepsRawHTML() {
        let help = CLIRun.run(["convert", "--help"])
        // Help text is wrapped to the terminal: compare with the line breaks undone.
        let text = (help.stdout + help.stderr).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        #expect(text.contains("--sanitize Web page: apply the e-mail rules"), "\(text)")
        #expect(text.contains("Without it the page keeps the author's raw HTML"), "\(text)")
    }
}
