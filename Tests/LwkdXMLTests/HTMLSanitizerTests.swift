import LwkdXML
import Testing

@Suite struct HTMLSanitizerTests {
    let sanitizer = HTMLSanitizer()

    @Test func scriptsAndHandlersAreRemoved() {
        let result = sanitizer.sanitize(
            "<p onclick=\"x()\">Hi <script>alert(1)</script><b>there</b></p>\n<iframe src=\"https://e.com\"></iframe>",
            isBlock: true)
        #expect(result.html == "<p>Hi <b>there</b></p>\n")
        #expect(
            result.removals.map(\.what) == [
                "onclick attribute on <p>", "<script> element", "<iframe> element",
            ])
        #expect(result.removals.last?.line == 2)
    }

    @Test(arguments: [
        "javascript:alert(1)", " JavaScript:x", "vbscript:x", "java\tscript:x", "data:text/html,x",
    ])
    func dangerousURLsAreDropped(url: String) {
        let result = sanitizer.sanitize("<a href=\"\(url)\">x</a>", isBlock: true)
        #expect(result.html == "x")
        #expect(result.removals.count == 1)
    }

    /// Fuzz finding (issue 15, `sanitizer/fuzz-css-escape-in-style.html`): a style is read as
    /// the CSS tokenizer reads it, so an escape (`\65xpression(` is `expression(`) or a comment
    /// (`u/**/rl(`) cannot hide a word the sanitiser drops.
    @Test(arguments: [
        #"color:red;width:\65xpression(alert(1))"#, #"background:\75 rl(https://e.com/t.png)"#,
        #"background:u/**/rl(https://e.com/t.png)"#, #"x:\6A\61vascript:y"#,
        #"-moz-\62 inding:x"#, #"b\65havior:x"#,
    ])
    func escapedOrCommentedDangerousStylesAreDropped(style: String) {
        let result = sanitizer.sanitize("<p style=\"\(style)\">x</p>", isBlock: true)
        #expect(result.html == "<p>x</p>", "\(style)")
        #expect(result.removals.map(\.what) == ["unsafe style on <p>"])
    }

    /// Fuzz finding (issue 15, `sanitizer/fuzz-style-keyword-joined-by-a-dropped-control-*`):
    /// the writers drop the C0 controls XML forbids, so a control inside a keyword
    /// (`ex\u{8}pression(`) would join it after the check. The check reads the value as it
    /// will be written.
    @Test(arguments: [
        "color:red;width:ex\u{8}pression(alert(1))", "-moz-bind\u{11}ing:x",
        "x:JaV\u{2}\u{2}aScRiPt:y", "background:u\u{1C}rl(https://e.com/t.png)",
    ])
    func controlSplitDangerousStylesAreDropped(style: String) {
        let result = sanitizer.sanitize("<p style=\"\(style)\">x</p>", isBlock: true)
        #expect(result.html == "<p>x</p>", "\(style.debugDescription)")
        #expect(result.removals.map(\.what) == ["unsafe style on <p>"])
    }

    @Test func controlsInKeptAttributesAreRemoved() {
        let result = sanitizer.sanitize("<p style=\"color:\u{1}red\" title=\"a\u{8}b\">x</p>", isBlock: true)
        #expect(result.html == "<p style=\"color:red\" title=\"ab\">x</p>")
    }

    @Test func harmlessStylesWithEscapesAreKept() {
        let html = #"<p style="font-family:\22 Noto Sans\22/* a comment */">x</p>"#
        #expect(sanitizer.sanitize(html, isBlock: true).html == html)
    }

    @Test func dataImagesOnlyWhenAllowed() {
        let html = "<img src=\"data:image/png;base64,AAAA\" alt=\"a\">"
        #expect(HTMLSanitizer().sanitize(html, isBlock: true).html == "<img alt=\"a\">")
        #expect(
            HTMLSanitizer(allowsDataImages: true).sanitize(html, isBlock: true).html
                == "<img src=\"data:image/png;base64,AAAA\" alt=\"a\">")
    }

    @Test func urlsAreRewritten() {
        let absolute = HTMLSanitizer(rewriteURL: { "https://lwkd.info" + $0 })
        #expect(
            absolute.sanitize("<a href=\"/x\">x</a>", isBlock: true).html
                == "<a href=\"https://lwkd.info/x\">x</a>")
    }

    @Test func loneInlineTagsStayLone() {
        #expect(sanitizer.sanitize("<b class=\"k\">", isBlock: false).html == "<b class=\"k\">")
        #expect(sanitizer.sanitize("</b>", isBlock: false).html == "</b>")
        #expect(sanitizer.sanitize("<span onmouseover=\"x\">", isBlock: false).html == "<span>")
        #expect(sanitizer.sanitize("<script>", isBlock: false).html == "")
        #expect(sanitizer.sanitize("</script>", isBlock: false).html == "")
    }

    @Test func unknownElementsAreUnwrapped() {
        #expect(
            sanitizer.sanitize("<center><font color=red>big</font></center>", isBlock: true).html
                == "big")
    }
}

/// Raw HTML cleaned for XHTML output (EPUB content documents), as `EPUBRawHTML` does it:
/// parse the fragment, apply the allowlist, serialise with the `.xhtml` flavour.
@Suite struct XHTMLSanitizerTests {
    private func xhtml(_ html: String) -> String {
        let (nodes, _) = HTMLSanitizer(flavor: .xhtml, allowsDataImages: true).clean(
            HTMLParser.parseFragment(html))
        return HTMLSerializer.serialize(nodes, flavor: .xhtml)
    }

    @Test func fragmentBecomesWellFormed() {
        let xhtml = xhtml("<p>a<br>b &amp; &nbsp;c<img src=x alt=y><p>second</div>")
        #expect(xhtml == "<p>a<br />b &amp; &#160;c<img src=\"x\" alt=\"y\" /></p><p>second</p>")
        #expect(XMLCheck.problems(in: "<div>" + xhtml + "</div>").isEmpty)
    }

    @Test func scriptsAreRemovedFromXHTML() {
        #expect(
            xhtml("<div onload=\"x\"><script>if (a < b) {}</script>ok</div>") == "<div>ok</div>")
    }

    @Test func commentsAreDropped() {
        #expect(xhtml("a<!-- -- x -->b") == "ab")
    }
}
