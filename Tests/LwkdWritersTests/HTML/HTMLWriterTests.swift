import LwkdModel
import LwkdTestSupport
import LwkdWriters
import LwkdXML
import Testing

/// The shared HTML renderer through the standalone `html` writer.
@Suite struct HTMLWriterTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        // The stylesheet linked, so the goldens hold the page and the post, not web.css
        // (WebPageTests checks that it is inlined).
        if let failure = try WriterGoldens.check(name, writer: HTMLWriter(cssLink: "web.css")) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test(arguments: WriterGoldens.cases) func xhtmlFlavourIsWellFormed(_ name: String) throws {
        let document = try WriterGoldens.input(name)
        let body = HTMLRenderer(flavor: .xhtml).render(document.blocks)
        let xml = "<div xmlns=\"http://www.w3.org/1999/xhtml\">\n\(body)</div>\n"
        #expect(XMLCheck.problems(in: xml).isEmpty, "\(name): \(XMLCheck.problems(in: xml))")
    }

    @Test func headingIDsAreUnique() {
        var ids = HeadingIDs()
        #expect(
            ["Developer News", "Developer News", "#123: Fix", "", "Developer News"].map {
                ids.make(for: $0)
            }
                == [
                    "developer-news", "developer-news-1", "section-123-fix", "section",
                    "developer-news-2",
                ])
    }

    /// ASCII headings take a byte path; an em dash (dropped, like all punctuation) sends the
    /// same heading down the Unicode path, and the two must give the same id.
    @Test func asciiHeadingIDsMatchTheUnicodePath() {
        var texts = (32..<127).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["Developer News", "KEP-1234: Fix_it NOW", " 1.26 ", "a\tb\r\nc", "__x--y", "Ünïcode"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            texts.append(String((0..<12).map { _ in Character(UnicodeScalar(UInt8.random(in: 32..<127, using: &generator))) }))
        }
        for text in texts {
            var ascii = HeadingIDs()
            var unicode = HeadingIDs()
            #expect(ascii.make(for: text) == unicode.make(for: text + "\u{2014}"), "\(text)")
        }
    }

    @Test func escapesTextAndAttributes() {
        let html = HTMLRenderer().render(inlines: [
            .link(link: Link(destination: "/a?b=1&c=\"2\""), content: [.text(text: "<x> & y")])
        ])
        #expect(html == "<a href=\"/a?b=1&amp;c=%222%22\">&lt;x&gt; &amp; y</a>")
    }

    @Test func resolvesURLsThroughTheHook() {
        let renderer = HTMLRenderer(resolveURL: { Site.lwkd.absolute($0) })
        #expect(
            renderer.render(inlines: [
                .image(image: Image(source: "/2018/images/x.png"), content: [.text(text: "x")])
            ])
                == "<img src=\"https://lwkd.info/2018/images/x.png\" alt=\"x\">")
    }
}
