import Foundation
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import LwkdXML
import Testing

@Suite struct HTMLEmailWriterTests {
    private func render(
        theme: String = "lwkd", unsubscribe: String? = nil,
        diagnostics: DiagnosticSink = DiagnosticSink()
    ) throws -> (String, HTMLElement) {
        let context = EmailFixtures.context(
            theme: try EmailFixtures.theme(theme), diagnostics: diagnostics)
        let output = try HTMLEmailWriter(unsubscribeURL: unsubscribe).write(
            try EmailFixtures.sample(), in: context)
        guard case .text(let html) = output else {
            throw WriteError.unsupported(format: "test", reason: "binary")
        }
        let root = try #require(HTMLParser.parseDocument(html))
        return (html, root)
    }

    @Test func documentHasTheEmailHead() throws {
        let (html, root) = try render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let names = EmailFixtures.elements(root).map(\.name)
        #expect(names.contains("title"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(!names.contains("script"))
        #expect(!names.contains("link"))
        #expect(html.contains("<title>Week Ending July 26, 2026</title>"))
    }

    @Test func contentElementsHaveInlineStyles() throws {
        let (_, root) = try render()
        let required: Set = [
            "h1", "h2", "h3", "p", "a", "pre", "blockquote", "table", "th", "img", "td", "li", "ul",
            "code",
        ]
        for element in EmailFixtures.elements(root) where required.contains(element.name) {
            let style = element[attribute: "style"] ?? ""
            #expect(!style.isEmpty, "<\(element.name)> at line \(element.line) has no inline style")
            #expect(!style.contains("var("))
            #expect(!style.contains("flex"))
        }
    }

    @Test func everyLinkAndImageIsAbsolute() throws {
        let diagnostics = DiagnosticSink()
        let (_, root) = try render(
            unsubscribe: "https://lwkd.info/unsubscribe", diagnostics: diagnostics)
        var hrefs: [String] = []
        for element in EmailFixtures.elements(root) {
            if element.name == "a", let href = element[attribute: "href"] { hrefs.append(href) }
            if element.name == "img" { hrefs.append(element[attribute: "src"] ?? "") }
        }
        for url in hrefs {
            #expect(url.hasPrefix("https://") || url.hasPrefix("mailto:"), "\(url) is not absolute")
        }
        #expect(hrefs.contains("https://lwkd.info/2026/20260730"))
        #expect(hrefs.contains("https://lwkd.info/images/logo.png"))
        #expect(hrefs.contains("https://cloud.google.com/network-tier"))
        #expect(
            diagnostics.all.contains {
                $0.message.contains("'cloud.google.com/network-tier' has no scheme")
            })
    }

    @Test func footerLinksToPermalinkAndUnsubscribe() throws {
        let (html, _) = try render(unsubscribe: "https://example.com/u?id=1&x=2")
        // The post is dated 2026-07-30: the permalink uses the publication day.
        #expect(html.contains("href=\"https://lwkd.info/2026/20260730\""))
        #expect(html.contains("href=\"https://example.com/u?id=1&amp;x=2\""))
        let (fallback, _) = try render()
        #expect(fallback.contains("href=\"mailto:lwkd@lwkd.info?subject=unsubscribe\""))
        let (placeholder, _) = try render(unsubscribe: HTMLEmailWriter.unsubscribePlaceholder)
        #expect(placeholder.contains("href=\"{{unsubscribe_url}}\""))
    }

    @Test func containerIs600PixelsWide() throws {
        let (_, root) = try render()
        let containers = EmailFixtures.elements(root).filter {
            ($0[attribute: "style"] ?? "").contains("max-width: 600px")
        }
        #expect(containers.count == 1)
        let container = try #require(containers.first)
        #expect(container[attribute: "width"] == "600")
        let inside = EmailFixtures.elements(container).map(\.name)
        #expect(inside.contains("h2") && inside.contains("pre") && inside.contains("table"))
    }

    @Test func preheaderComesFromTheFirstParagraph() throws {
        let (_, root) = try render()
        let preheader = try #require(
            EmailFixtures.elements(root).first { $0.classes.contains("preheader") })
        guard case .text(let text)? = preheader.children.first else {
            Issue.record("no preheader text"); return
        }
        #expect(text.hasPrefix("The Steering Committee election opens next week."))
        #expect((preheader[attribute: "style"] ?? "").contains("display: none"))
    }

    @Test func rawHTMLIsSanitisedWithWarnings() throws {
        let diagnostics = DiagnosticSink()
        let (html, _) = try render(diagnostics: diagnostics)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("Raw HTML from the post"))
        let messages = diagnostics.all.map(\.message)
        #expect(messages.contains { $0.contains("removed <script> element") })
        #expect(messages.contains { $0.contains("removed onclick attribute on <div>") })
        #expect(messages.contains { $0.contains("removed javascript: URL") })
    }

    @Test func oversizedMessageGetsAWarning() throws {
        let diagnostics = DiagnosticSink()
        let context = EmailFixtures.context(
            theme: try EmailFixtures.theme("lwkd"), diagnostics: diagnostics)
        _ = try HTMLEmailWriter(sizeBudget: 1000).write(try EmailFixtures.sample(), in: context)
        #expect(
            diagnostics.all.contains {
                $0.message.hasPrefix("HTML e-mail is ") && $0.message.contains("over 1000 bytes")
            })
    }

    @Test func sampleStaysUnderGmailsClippingLimit() throws {
        let (html, _) = try render()
        #expect(html.utf8.count < HTMLEmailWriter.gmailClipBytes)
    }

    @Test func builtInDefaultThemeWorksWithoutAThemesFolder() throws {
        let output = try HTMLEmailWriter().write(try EmailFixtures.sample(), in: WriteContext())
        #expect(output.bytes.count > 1000)
    }

    @Test func defaultUnsubscribeMailsTheSendersBareAddress() throws {
        let named = try HTMLEmailWriter(fromAddress: "\"LWKD, news\" <news@lwkd.info>").write(
            try EmailFixtures.sample(), in: WriteContext())
        let html = String(decoding: named.bytes, as: UTF8.self)
        #expect(html.contains("href=\"mailto:news@lwkd.info?subject=unsubscribe\""))
        #expect(
            throws: WriteError.unsupported(
                format: "html-email", reason: "From address 'news at lwkd' is not usable: no @")
        ) {
            try HTMLEmailWriter(fromAddress: "news at lwkd").write(
                try EmailFixtures.sample(), in: WriteContext())
        }
    }
}

/// Every corpus post (in ../shared, when present) as e-mail: under the size budget, all
/// links absolute, required elements styled.
@Suite struct HTMLEmailCorpusTests {
    @Test func corpusPostsMeetTheEmailRules() throws {
        // <root>/../shared; a git worktree under wt/ sits one level deeper.
        let candidates = ["../shared", "../../shared"].map {
            EmailFixtures.root.appendingPathComponent($0 + "/corpus/_posts").standardized
        }
        guard
            let corpus = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }
            ),
            let files = try? FileManager.default.contentsOfDirectory(atPath: corpus.path)
        else {
            print("skipping corpus e-mail test: ../shared/corpus is absent")
            return
        }
        let theme = try EmailFixtures.theme("lwkd")
        var largest = 0
        for file in files.sorted() where file.hasSuffix(".md") {
            let text = try String(
                contentsOfFile: corpus.appendingPathComponent(file).path, encoding: .utf8)
            let document = try EmailFixtures.read(text, fileName: file)
            let output = try HTMLEmailWriter(unsubscribeURL: "https://lwkd.info/unsubscribe")
                .write(document, in: EmailFixtures.context(theme: theme))
            largest = max(largest, output.bytes.count)
            #expect(output.bytes.count < HTMLEmailWriter.gmailClipBytes, "\(file)")
            guard case .text(let html) = output, let root = HTMLParser.parseDocument(html) else {
                Issue.record("\(file): no HTML")
                continue
            }
            for element in EmailFixtures.elements(root) {
                if element.name == "a", let href = element[attribute: "href"] {
                    #expect(
                        href.hasPrefix("https://") || href.hasPrefix("http://")
                            || href.hasPrefix("mailto:"), "\(file): \(href)")
                }
                if ["p", "a", "h2", "h3", "img", "pre", "blockquote"].contains(element.name) {
                    #expect(
                        element[attribute: "style"] != nil,
                        "\(file): <\(element.name)> line \(element.line)")
                }
            }
        }
        print("largest corpus e-mail: \(largest) bytes")
    }
}

/// The shared writer fixtures through `html-email` with the built-in default theme.
@Suite struct HTMLEmailGoldenTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: HTMLEmailWriter()) {
            Issue.record(Comment(rawValue: failure))
        }
    }
}
