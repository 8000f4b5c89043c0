import LwkdModel
import LwkdTestSupport
import LwkdThemes
import LwkdWriters
import Testing

/// `--to html` is the post's web page: the theme's web stylesheet, the title, the date in the
/// newsletter's style, the permalink, one file that opens from disk (issue 17).
@Suite struct WebPageTests {
    static let post = """
        ---
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        ---

        ## Developer News

        See [the notes](/2026/notes), [below](#below) and ![a chart](/2026/images/chart.png).

        <p>Raw <img src="/2026/images/raw.png" alt="raw"></p>

        <p align="center"><em>Centred</em></p>

        <table align="center" width="80%"><tr><td valign="top" width="120">Cell</td></tr></table>

        An inline <span align="right">tag</span>.
        """

    func page(_ writer: HTMLWriter = HTMLWriter(), context: WriteContext = Convert.context()) throws
        -> String
    {
        let output = try writer.write(
            try Convert.markdown(Self.post, fileName: "2026-08-20-update.md"), in: context)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    @Test func hasTheSiteHeaderTitleDateAndPermalink() throws {
        let html = try page()
        #expect(
            html.contains(
                "<title>Week Ending August 16, 2026 | Last Week in Kubernetes Development</title>"))
        #expect(
            html.contains(
                "<a class=\"site-title\" href=\"https://lwkd.info/\">Last Week in Kubernetes Development</a>"
            ))
        #expect(html.contains("<h1>Week Ending August 16, 2026</h1>"))
        #expect(html.contains("<time datetime=\"2026-08-20T22:00:00Z\">August 20, 2026</time>"))
        #expect(
            html.contains(
                "<a class=\"permalink\" href=\"https://lwkd.info/2026/20260820\">Permalink</a>"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://lwkd.info/2026/20260820\">"))
    }

    @Test func inlinesTheThemesWebStylesheet() throws {
        let html = try page()
        let css = try #require(Theme.builtinDefault.template(for: "web")).path
        #expect(css == "(built-in)/web.css")
        #expect(html.contains("<style>\n/* The web page (`--to html`)"))
        #expect(html.contains(".site-header {"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
    }

    @Test func linksTheStylesheetWithCSSLink() throws {
        let html = try page(
            HTMLWriter().configured(WriterOptions.withCSSLink("https://lwkd.info/assets/main.css"))
                as! HTMLWriter)
        #expect(
            html.contains("<link rel=\"stylesheet\" href=\"https://lwkd.info/assets/main.css\">"))
        #expect(!html.contains("<style>"))
    }

    @Test func makesEveryURLAbsoluteButFragments() throws {
        let html = try page()
        #expect(html.contains("href=\"https://lwkd.info/2026/notes\""))
        #expect(html.contains("href=\"#below\""), "a fragment stays in the page")
        #expect(html.contains("src=\"https://lwkd.info/2026/images/chart.png\""))
        #expect(html.contains("src=\"https://lwkd.info/2026/images/raw.png\""), "raw HTML too")
    }

    @Test func obsoletePresentationalAttributesBecomeCSS() throws {
        let html = try page()
        #expect(html.contains("<p style=\"text-align: center\"><em>Centred</em></p>"))
        #expect(
            html.contains("<table style=\"margin-left: auto; margin-right: auto; width: 80%\">"))
        #expect(html.contains("<td style=\"vertical-align: top; width: 120px\">Cell</td>"))
        #expect(html.contains("<span style=\"text-align: right\">tag</span>"))
        #expect(!html.contains(" align="), "no obsolete attribute is left")
    }

    static let hostile = """
        ---
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        ---

        Hello <span onmouseover="steal()">there</span>.

        <script>if (1 < 2) { alert("block"); }</script>

        <div><img src="/x.png" onerror="alert(1)"><a href="javascript:alert(2)">raw</a></div>

        A [markdown](javascript:alert(3)) link.
        """

    func hostilePage(sanitizing: Bool, diagnostics: DiagnosticSink = DiagnosticSink()) throws
        -> String
    {
        var options = WriterOptions()
        options.sanitizesRawHTML = sanitizing
        let writer = HTMLWriter().configured(options)
        let output = try writer.write(
            try Convert.markdown(Self.hostile, fileName: "2026-08-20-update.md"),
            in: Convert.context(diagnostics: diagnostics))
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// The web page is the site's own page: the author's raw HTML stays as written, scripts
    /// and handlers too; `--sanitize` applies the e-mail rules (issue 15). Markdown links
    /// follow the one URL policy either way.
    @Test func rawHTMLIsKeptUnlessSanitized() throws {
        let kept = try hostilePage(sanitizing: false)
        #expect(kept.contains("<span onmouseover=\"steal()\">there</span>"), "\(kept)")
        #expect(kept.contains("<script>if (1 < 2) { alert(\"block\"); }</script>"), "\(kept)")
        #expect(
            kept.contains(
                "<img src=\"https://lwkd.info/x.png\" onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">raw</a>"
            ), "\(kept)")
        #expect(!kept.contains("alert(3)"), "a Markdown link follows the URL policy")

        let diagnostics = DiagnosticSink()
        let clean = try hostilePage(sanitizing: true, diagnostics: diagnostics)
        for needle in ["<script", "onmouseover", "onerror", "javascript:", "alert("] {
            #expect(!clean.contains(needle), "--sanitize left '\(needle)'")
        }
        #expect(clean.contains("there") && clean.contains(">raw</div>"), "\(clean)")
        let warnings = diagnostics.all.map(\.description)
        #expect(
            warnings.contains { $0.contains("raw HTML") && $0.contains("<script> element") },
            "\(warnings)")
    }

    @Test func theDateFollowsTheThemesDateFormat() throws {
        var context = Convert.context()
        context.dateStyle = DateStyle(pattern: "d MMM yyyy")
        #expect(try page(context: context).contains(">20 Aug 2026</time>"))
    }

    @Test func anUndatedPostHasNoDateLine() throws {
        let output = try HTMLWriter().write(
            try Convert.markdown("# Notes\n\nText.\n"), in: Convert.context())
        let html = String(decoding: output.bytes, as: UTF8.self)
        #expect(!html.contains("class=\"post-meta\""))
        #expect(!html.contains("rel=\"canonical\""))
    }

    @Test func aThemeWithoutWebCSSIsAThemeError() throws {
        var context = Convert.context()
        context.theme = Theme(name: "bare", directory: "/themes/bare")
        #expect(throws: WriteError.self) { try page(context: context) }
    }
}

extension WriterOptions {
    static func withCSSLink(_ url: String) -> WriterOptions {
        var options = WriterOptions()
        options.cssLink = url
        return options
    }
}
