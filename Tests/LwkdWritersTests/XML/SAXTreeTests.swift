import Foundation
import LwkdTestSupport
import LwkdXML
import Testing

@testable import LwkdWriters

/// ``HTMLParser`` builds its Swift tree from libxml2's SAX events instead of converting the C
/// tree libxml2 builds (issue 15: for a big page that tree was six times the page). Both must
/// give the same tree, on every page and fragment the tests and the fuzzers have.
@Suite struct SAXTreeTests {
    /// libxml2's tree records at most line 65,535; the SAX builder gives the true line.
    static func clamped(_ node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        element.line = min(element.line, 65_535)
        element.children = element.children.map(clamped)
        return .element(element)
    }

    static func sameTree(_ html: String) -> Bool {
        let sax = HTMLParser.parseDocument(html).map { clamped(.element($0)) }
        let tree = HTMLParser.parseViaLibxmlTree(html).map { clamped(.element($0)) }
        return sax == tree
    }

    /// Every file of the sanitiser's and CSS inliner's fuzz corpora and regressions, and the
    /// writers' HTML fixtures.
    static var inputs: [URL] {
        let root = Repository.root()
        let folders = [
            "Tests/FuzzRegressionTests/Regressions/sanitizer",
            "Tests/FuzzRegressionTests/Regressions/sanitizer/corpus",
            "Tests/FuzzRegressionTests/Regressions/css",
            "Tests/FuzzRegressionTests/Regressions/css/corpus",
            "Tests/LwkdWritersTests/Fixtures/html",
            "Tests/LwkdWritersTests/Fixtures/html-email",
        ]
        return folders.flatMap { folder -> [URL] in
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().map { url.appendingPathComponent($0) }.filter {
                !$0.hasDirectoryPath && $0.lastPathComponent != "README.md"
            }
        }
    }

    @Test func everyCorpusPageAndFragmentGivesTheSameTree() throws {
        var checked = 0
        var different: [String] = []
        for url in Self.inputs {
            guard let data = FileManager.default.contents(atPath: url.path),
                !data.isEmpty || url.pathExtension == "html"
            else { continue }
            let html = String(decoding: data, as: UTF8.self)
            if !Self.sameTree(html) { different.append(url.lastPathComponent) }
            // As a fragment, the way HTMLParser.parseFragment wraps it.
            if !Self.sameTree("<!DOCTYPE html><html><body>" + html + "</body></html>") {
                different.append(url.lastPathComponent + " (fragment)")
            }
            checked += 1
        }
        // One page of them all (megabytes): libxml2 reads it a part at a time, so constructs
        // meet the edges of its reads.
        let all = Self.inputs.compactMap { FileManager.default.contents(atPath: $0.path) }
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        #expect(all.utf8.count > 1_000_000)
        #expect(Self.sameTree(all), "the whole corpus as one page")
        #expect(checked > 2_000, "only \(checked) inputs")
        #expect(different.isEmpty, "\(different.count) differ: \(different.prefix(10))")
    }

    @Test(arguments: [
        "", "text only", "<p>a<p>b", "</b>stray<i>open", "<table><td>x</table>",
        "<!-- c --><html><head><title>t</title></head><body>x<![CDATA[y]]>z</body></html>",
        "<script>if (a < b) {}</script><style>p{}</style>", "a &amp; b &#10; &bogus; c",
        "<p title=x title=y checked>dup</p>", "<svg><circle/></svg>", "<?php x ?>after",
        "<html><body>x</body></html>trailing<p>more", "<!DOCTYPE html><p>x</p></html><p>lost",
        "<!-- first --><p>x</p></html><p>lost", "<t><<?pi>>/<d>", "<a:b c:d=e>x</a:b>",
        "<x:0y>text is dropped from here on &amp; &#65; <!-- c --></x:0y><p>y",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><body>\n<p>a</p>\n<p>b</p>\n</body>",
        "<ul>\n<li>a</li>\n<li>b <b>c</b> <i>d</i></li>\n</ul>",
    ])
    func repairedShapesGiveTheSameTree(html: String) {
        #expect(Self.sameTree(html))
        #expect(Self.sameTree("<!DOCTYPE html><html><body>" + html + "</body></html>"))
    }

    @Test func linesPastTheTreeLimitAreTrue() throws {
        let html = String(repeating: "\n", count: 70_000) + "<p>late</p>"
        let root = try #require(HTMLParser.parseDocument(html))
        guard case .element(let body)? = root.children.last,
            case .element(let p)? = body.children.last
        else {
            Issue.record("no paragraph in \(root)")
            return
        }
        #expect(p.name == "p")
        #expect(p.line == 70_001)
    }

    /// The e-mail writer writes the page as it is parsed (``InliningSerializer``): the same
    /// bytes as parsing it into a tree, inlining the tree and serialising it, on every page
    /// and fragment, with both themes' stylesheets.
    @Test func streamingTheInlinedPageGivesTheTreesBytes() throws {
        let root = Repository.root()
        var different: [String] = []
        var checked = 0
        for theme in ["default", "lwkd"] {
            let css = try String(
                contentsOf: root.appendingPathComponent("themes/\(theme)/style.css"), encoding: .utf8)
            let inliner = CSSInliner(stylesheet: CSSStylesheet(parsing: css))
            for url in Self.inputs {
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                let html = String(decoding: data, as: UTF8.self)
                for page in [html, "<!DOCTYPE html><html><body>" + html + "</body></html>"] {
                    let streamed = InliningSerializer(inliner: inliner, prefix: "<!DOCTYPE html>\n")
                    HTMLParser.parse(page, into: streamed)
                    var tree = "<!DOCTYPE html>\n"
                    if let parsed = HTMLParser.parseDocument(page) {
                        HTMLSerializer.serialize(inliner.inline(parsed), flavor: .html, into: &tree)
                    }
                    if streamed.finish("\n") != tree + "\n" {
                        different.append("\(theme): \(url.lastPathComponent)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 4_000, "only \(checked) pages")
        #expect(different.isEmpty, "\(different.count) differ: \(different.prefix(10))")
    }

    /// XMLCheck reads its text a part at a time and builds no tree (issue 15): the same
    /// problems, line and message, as parsing it whole into a tree, for every input as it is
    /// and as XHTML, and for malformed shapes.
    @Test func theTreelessWellFormednessCheckFindsWhatTheTreeDid() throws {
        var texts = [
            "", "<a>", "<a></b>", "<a x='1' x='2'/>", "<a>&nbsp;</a>", "<a>&amp;&#0;</a>",
            "<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
            "<p:a/>", "<a>\u{1}</a>", String(repeating: "<d>", count: 300) + String(repeating: "</d>", count: 300),
            "<a>" + String(repeating: "x", count: 100_000) + "<b></a>",
        ]
        for url in Self.inputs {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let html = String(decoding: data, as: UTF8.self)
            texts.append(html)
            if let root = HTMLParser.parseDocument(html) {
                texts.append(HTMLSerializer.serialize(root, flavor: .xhtml))
            }
        }
        var different: [String] = []
        for text in texts where XMLCheck.problems(in: text) != XMLCheck.problemsBuildingTree(in: text) {
            different.append(String(text.prefix(60)))
        }
        #expect(texts.count > 4_000)
        #expect(different.isEmpty, "\(different.count) differ: \(different.prefix(5))")
    }
}
