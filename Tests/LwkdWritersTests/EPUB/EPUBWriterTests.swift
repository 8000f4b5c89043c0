import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters
import Testing

/// Sample posts in the newsletter's shape, written for these tests.
enum EPUBSamples {
    static let post = """
        ---
        layout: post
        title: Week Ending August 2, 2026
        date: 2026-08-03 22:00:00 -0000
        slug: 2026-08-02-update
        ---

        ## Developer News

        The [contributor summit](https://example.org/summit?a=1&b=2) is open. See [release](#release-schedule).

        ![pull requests per week](/2026/images/prs.png)

        ## Release Schedule

        **Next Deadline: Code Freeze, August 20th**

        <div class="note">raw <b>HTML</b></div>

        | SIG | PRs |
        |-----|----:|
        | Node | 12 |

        ### Featured PR

        Last week: [previous issue](https://lwkd.info/2026/20260727#developer-news).

        """

    static let previous = """
        ---
        title: Week Ending July 26, 2026
        date: 2026-07-27 22:00:00 -0000
        ---

        ## Developer News

        Nothing much. ![remote chart](https://example.org/chart.png)

        ## Release Schedule

        Still thawed.

        """

    /// The smallest valid PNG (1×1, transparent).
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15,
        0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00,
        0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
        0xAE,
        0x42, 0x60, 0x82,
    ]

    static func read(_ text: String, name: String) throws -> Document {
        try MarkdownReader().read(Source(text: text, path: name), in: ReadContext())
    }

    static func context(diagnostics: DiagnosticSink = DiagnosticSink()) -> WriteContext {
        let loader = ResourceLoader { url in
            switch url {
            case "/2026/images/prs.png": .found(path: "res/2026/images/prs.png", bytes: png)
            case "../secret.png":
                .refused(reason: "image path leads outside every --resource-path directory")
            default: .notFound
            }
        }
        return WriteContext(generator: "lwkdconv test", resources: loader, diagnostics: diagnostics)
    }
}

@Suite struct EPUBWriterTests {
    func singlePost(diagnostics: DiagnosticSink = DiagnosticSink()) throws -> EPUBFile {
        let document = try EPUBSamples.read(EPUBSamples.post, name: "2026-08-02-update.md")
        let output = try EPUBWriter().write(
            document, in: EPUBSamples.context(diagnostics: diagnostics))
        return try EPUBFile(output.bytes)
    }

    @Test func mimetypeComesFirstAndStored() throws {
        let epub = try singlePost()
        #expect(epub.paths.first == "mimetype")
        // OCF 3.3 §4.2: the bytes at offset 30 are "mimetype" then the uncompressed value.
        #expect(Array(epub.bytes[30..<58]) == Array("mimetypeapplication/epub+zip".utf8))
        #expect(
            epub.paths == [
                "mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml",
                "EPUB/toc.ncx",
                "EPUB/style.css", "EPUB/titlepage.xhtml", "EPUB/chapter-001.xhtml",
                "EPUB/images/prs.png",
            ])
    }

    @Test func everyXMLMemberIsWellFormed() throws {
        let epub = try singlePost()
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
    }

    @Test func identifierIsNameBasedOnThePermalink() throws {
        let opf = try singlePost().text("EPUB/package.opf")
        #expect(
            opf.contains(
                "<dc:identifier id=\"pub-id\">urn:uuid:\(Self.permalinkUUID)</dc:identifier>"))
        #expect(opf.contains("<dc:source>https://lwkd.info/2026/20260803</dc:source>"))
    }

    @Test func modifiedComesFromThePostDateExactlyOnce() throws {
        let opf = try singlePost().text("EPUB/package.opf")
        #expect(opf.components(separatedBy: "dcterms:modified").count == 2)
        #expect(opf.contains("<meta property=\"dcterms:modified\">2026-08-03T22:00:00Z</meta>"))
        #expect(opf.contains("<dc:date>2026-08-03T22:00:00Z</dc:date>"))
    }

    @Test func accessibilityMetadataReflectsImages() throws {
        let opf = try singlePost().text("EPUB/package.opf")
        for expected in [
            "schema:accessMode\">textual<", "schema:accessMode\">visual<",
            "schema:accessibilityFeature\">alternativeText<",
            "schema:accessibilityHazard\">none<", "schema:accessibilitySummary\">",
        ] {
            #expect(opf.contains(expected), "missing \(expected)")
        }
        #expect(
            opf.contains("<item id=\"image-1\" href=\"images/prs.png\" media-type=\"image/png\"/>"))
    }

    @Test func imageIsEmbeddedAndLinksAreValid() throws {
        let epub = try singlePost()
        let chapter = epub.text("EPUB/chapter-001.xhtml")
        #expect(epub.members["EPUB/images/prs.png"] == EPUBSamples.png)
        #expect(chapter.contains("<img src=\"images/prs.png\" alt=\"pull requests per week\" />"))
        #expect(chapter.contains("href=\"https://example.org/summit?a=1&amp;b=2\""))
        #expect(chapter.contains("<a href=\"#release-schedule\">release</a>"))
        // Raw HTML goes through the allowlist as XHTML.
        #expect(chapter.contains("<div class=\"note\">raw <b>HTML</b></div>"))
    }

    @Test func navHasTocLandmarksAndSections() throws {
        let epub = try singlePost()
        let nav = epub.text("EPUB/nav.xhtml")
        #expect(nav.contains("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">"))
        #expect(nav.contains("<nav epub:type=\"landmarks\""))
        #expect(nav.contains("<a href=\"chapter-001.xhtml#developer-news\">Developer News</a>"))
        #expect(!nav.contains("Featured PR"), "level-3 headings stay out of the contents")
        let ncx = epub.text("EPUB/toc.ncx")
        #expect(ncx.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:\(Self.permalinkUUID)\"/>"))
        #expect(epub.text("EPUB/titlepage.xhtml").contains("epub:type=\"titlepage\""))
    }

    @Test func remoteImageBecomesALinkWithAWarning() throws {
        let diagnostics = DiagnosticSink()
        let document = try EPUBSamples.read(EPUBSamples.previous, name: "2026-07-26-update.md")
        let epub = try EPUBFile(
            try EPUBWriter().write(document, in: EPUBSamples.context(diagnostics: diagnostics))
                .bytes)
        #expect(
            epub.text("EPUB/chapter-001.xhtml").contains(
                "<a href=\"https://example.org/chart.png\">remote chart</a>"))
        #expect(!epub.paths.contains { $0.contains("images/") })
        #expect(
            diagnostics.all.map(\.message).contains {
                $0.contains("remote image https://example.org/chart.png")
            })
        #expect(!epub.text("EPUB/package.opf").contains("visual"))
    }

    @Test func imageOnTheSiteItselfIsEmbeddedFromTheResourcePath() throws {
        let document = try EPUBSamples.read(
            "---\ntitle: T\ndate: 2026-01-01\n---\n\n![chart](https://lwkd.info/2026/images/prs.png)\n",
            name: "a.md")
        let epub = try EPUBFile(try EPUBWriter().write(document, in: EPUBSamples.context()).bytes)
        #expect(
            epub.text("EPUB/chapter-001.xhtml").contains(
                "<img src=\"images/prs.png\" alt=\"chart\" />"))
        #expect(epub.members["EPUB/images/prs.png"] == EPUBSamples.png)
    }

    @Test func rawHTMLIsMadeFitForEPUB() throws {
        let diagnostics = DiagnosticSink()
        let document = try EPUBSamples.read(
            """
            ---
            title: T
            date: 2026-01-01
            ---

            <p align="center"><img src="https://example.org/x.png" alt="logo"><script>x()</script></p>

            Some <kbd>Ctrl</kbd> and an <span>unclosed span.

            """, name: "raw.md")
        let epub = try EPUBFile(
            try EPUBWriter().write(document, in: EPUBSamples.context(diagnostics: diagnostics))
                .bytes)
        let chapter = epub.text("EPUB/chapter-001.xhtml")
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
        #expect(chapter.contains("<p><a href=\"https://example.org/x.png\">logo</a></p>"))
        #expect(
            chapter.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "unbalanced paragraph: tags as text")
        let messages = diagnostics.all.map(\.message)
        #expect(messages.contains { $0.contains("in raw HTML cannot be embedded") })
        #expect(messages.contains { $0.contains("<script> element") })
        #expect(messages.contains { $0.contains("not balanced") })
    }

    @Test func imageOutsideTheResourcePathIsRefused() throws {
        let document = try EPUBSamples.read(
            "---\ntitle: T\ndate: 2026-01-01\n---\n\n![x](../secret.png)\n", name: "a.md")
        #expect(
            // A document without a source map has no line; the CLI's message has one
            // (DigestCommandTests.imageOutsideTheResourcePathIsRefused).
            throws: WriteError.input(
                file: "a.md", at: nil,
                reason: "../secret.png: image path leads outside every --resource-path directory")
        ) {
            try EPUBWriter().write(document, in: EPUBSamples.context())
        }
    }

    @Test func invalidLanguageFallsBackToEnglish() throws {
        let diagnostics = DiagnosticSink()
        var context = EPUBSamples.context(diagnostics: diagnostics)
        context.variables["lang"] = "C"
        let document = try EPUBSamples.read(EPUBSamples.previous, name: "p.md")
        let epub = try EPUBFile(try EPUBWriter().write(document, in: context).bytes)
        #expect(epub.text("EPUB/package.opf").contains("<dc:language>en</dc:language>"))
        #expect(
            diagnostics.all.contains { $0.message.contains("'C' is not a BCP 47 language tag") })
        context.variables["lang"] = "pt-BR"
        let other = try EPUBFile(try EPUBWriter().write(document, in: context).bytes)
        #expect(other.text("EPUB/package.opf").contains("<dc:language>pt-BR</dc:language>"))
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let document = try EPUBSamples.read(EPUBSamples.post, name: "2026-08-02-update.md")
        let first = try EPUBWriter().write(document, in: EPUBSamples.context())
        let second = try EPUBWriter().write(document, in: EPUBSamples.context())
        #expect(first == second)
    }

    @Test(
        .enabled(
            if: EPUBCheck.isInstalled, "epubcheck is not installed (apt-get install epubcheck)"))
    func epubCheckPassesTheSinglePost() throws {
        let epub = try singlePost()
        #expect(try EPUBCheck.problems(in: epub.bytes, name: "post") == [])
    }

    /// `uuid.uuid5(uuid.NAMESPACE_URL, "https://lwkd.info/2026/20260803")` in Python.
    static let permalinkUUID = "8370ff6a-a88e-5cbc-bba9-fc8046dae978"
}
