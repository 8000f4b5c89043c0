import LwkdPreview
import Testing

/// The page made from a snapshot: every pane, findings linked to their lines, errors shown.
@Suite struct PreviewPageTests {
    static let snapshot = PreviewSnapshot(
        file: "post.md", title: "Week Ending <August> 16",
        panes: [
            PreviewPane(
                id: "html-email", title: "HTML e-mail", kind: .frames(widths: [600, 375]),
                body: "<p>x</p>"),
            PreviewPane(id: "plain", title: "Plain text", kind: .text, body: "a < b"),
            PreviewPane(
                id: "bluesky", title: "Bluesky", kind: .text, body: "hi",
                counts: [PreviewCount(unit: "graphemes", value: 301, limit: 300)]),
            PreviewPane(id: "atom", title: "Atom entry", kind: .source, body: "", error: "no date"),
        ],
        facts: [
            PreviewFact(name: "Permalink", value: "https://lwkd.info/2026/20260816", isLink: true)
        ],
        findings: [
            PreviewFinding(
                severity: "warning", message: "TODO left", rule: "template-todo", line: 2, column: 3
            )
        ],
        sourceLines: ["# Title", "- TODO <here>"], milliseconds: 12.34)

    @Test func showsEveryPane() {
        let page = PreviewPage.render(Self.snapshot, version: 7)
        #expect(page.contains("<title>Preview: Week Ending &lt;August&gt; 16</title>"))
        #expect(page.contains("src=\"/frame/html-email?v=7\" width=\"600\""))
        #expect(page.contains("src=\"/frame/html-email?v=7\" width=\"375\""))
        #expect(page.contains("<pre class=\"text\">a &lt; b</pre>"))
        #expect(page.contains("301 / 300 graphemes (over the limit)"))
        #expect(page.contains("<p class=\"error\">no date</p>"), "a failed writer shows its error")
        #expect(page.contains("<a href=\"https://lwkd.info/2026/20260816\""))
        #expect(page.contains("data-version=\"7\""))
        #expect(page.contains("new EventSource(\"/events\")"))
        #expect(page.contains("12.3</span> ms"))
    }

    @Test func linksEachFindingToItsLineAndShowsTheLine() {
        let page = PreviewPage.render(Self.snapshot, version: 1)
        #expect(page.contains("<a class=\"at\" href=\"#L2\">line 2, column 3</a>"))
        #expect(page.contains("<span class=\"no\">2</span> - TODO &lt;here&gt;</pre>"))
        #expect(page.contains("<li id=\"L2\"><code>- TODO &lt;here&gt;</code></li>"))
        #expect(page.contains("[template-todo]"))
    }

    @Test func showsAReadingErrorWithItsLine() {
        var snapshot = Self.snapshot
        snapshot.panes = []
        snapshot.failure = PreviewFinding(
            severity: "error", message: "post.md:2: bad YAML", line: 2)
        let page = PreviewPage.render(snapshot, version: 2)
        #expect(page.contains("The post could not be read"))
        #expect(page.contains("href=\"#L2\">line 2</a>"))
        #expect(page.contains("post.md:2: bad YAML"))
        #expect(!page.contains("id=\"findings\""), "no findings pane for a post that was not read")
    }
}
