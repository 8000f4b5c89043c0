import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import LwkdXML
import Testing

/// `--to buttondown`: goldens for the model fixtures, the five seeds and the samples; what
/// the body must and must not hold; and the body as Buttondown's own renderer (Python-Markdown
/// with the extensions its documentation lists) reads it.
@Suite struct ButtondownWriterTests {
    /// The seed copies (shared with the social writer's fixtures) and the samples.
    static var postFiles: [String: URL] { WriterGoldens.seedAndSamplePosts }

    static let goldens = WriterGoldens.fixtures.appendingPathComponent("buttondown-posts")

    static func write(_ url: URL) throws -> String {
        let output = try ButtondownWriter().write(try Convert.file(url), in: Convert.context())
        return String(decoding: output.bytes, as: UTF8.self)
    }

    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: ButtondownWriter(), extension: "md")
        {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func everySeedAndSampleHasAGolden() {
        let names = Self.postFiles.keys
        #expect(names.filter { $0.hasPrefix("seed-") }.count == 5)
        #expect(names.filter { $0.hasPrefix("sample-") }.count == Repository.samplePosts.count)
    }

    @Test(arguments: postFiles.keys.sorted()) func postGolden(_ name: String) throws {
        let url = try #require(Self.postFiles[name])
        let text = try Self.write(url)
        if let failure = Golden.check(
            text, against: Self.goldens.appendingPathComponent(name + ".md"))
        {
            Issue.record(Comment(rawValue: failure))
        }
        // No front matter, the date line first, no relative link or image.
        #expect(!text.hasPrefix("---"))
        #expect(!text.contains("layout: post"))
        for match in text.matches(of: /\]\(([^)\s]*)/) {
            let url = String(match.1)
            #expect(
                url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:"),
                "\(name): relative URL \(url)")
        }
    }

    @Test func theEditorsHandEditsAreDone() throws {
        let post = try Convert.markdown(
            """
            ---
            layout: post
            title: Week Ending July 26, 2026
            date: 2026-07-30 22:00:00 -0000
            slug: 2026-07-26-update
            ---

            ## Developer News

            See the [contributor site](/2026/20260730), the [tiers](cloud.google.com/network-tier)
            and ![a graph](/2018/images/mentions_graph.png "Mentions").

            * Item with `--flag` and a -- dash
              * nested item
            * x \\<y> & z\\&amp;w \\~tilde\\~

            3. starts at three
            4. four
            """)
        let text = String(
            decoding: try ButtondownWriter().write(post, in: Convert.context()).bytes, as: UTF8.self
        )
        #expect(text.hasPrefix("*Week Ending July 26, 2026*\n\n## Developer News\n"))
        #expect(text.contains("[contributor site](https://lwkd.info/2026/20260730)"))
        #expect(text.contains("[tiers](https://cloud.google.com/network-tier)"))
        #expect(
            text.contains(
                "![a graph](https://lwkd.info/2018/images/mentions_graph.png \"Mentions\")"))
        // Python-Markdown nests at four spaces; smarty would make `--` a dash outside code.
        #expect(text.contains("*   Item with `--flag` and a &#45;&#45; dash\n    * nested item\n"))
        #expect(text.contains("* x &lt;y> & z&amp;amp;w &#126;tilde&#126;\n"))
        // Python-Markdown restarts every ordered list at 1: this one is HTML.
        #expect(text.contains("<ol start=\"3\">"))
    }

    /// The body rendered by Python-Markdown with Buttondown's documented extensions
    /// (https://docs.buttondown.com/using-markdown) has the same block structure and text as
    /// the post rendered by cmark-gfm: nothing was mangled. Skips, saying so, when the
    /// `markdown` and `pymdown-extensions` packages are missing.
    @Test(arguments: postFiles.keys.sorted()) func buttondownsRendererReadsWhatGFMReads(
        _ name: String
    ) throws {
        let url = try #require(Self.postFiles[name])
        let body = try Self.write(url)
        guard let rendered = try PythonMarkdown.render(body) else {
            print("skipped: Python-Markdown check (pip install markdown pymdown-extensions)")
            return
        }
        let post = try Convert.file(url)
        // Raw HTML goes through the e-mail sanitizer in both (a `<script>` is dropped).
        let sanitizer = HTMLSanitizer(flavor: .html, rewriteURL: { $0 })
        let expected = HTMLRenderer(
            flavor: .html, resolveURL: { $0 },
            rawHTML: { sanitizer.sanitize($0, isBlock: $1).html }, shouldAddHeadingIDs: false
        ).render(post.blocks)
        let got = PythonMarkdown.shape(rendered)
        let want = PythonMarkdown.shape(expected)
        // The date line (a paragraph and its text) is the one addition.
        let rest = Array(got.dropFirst(2))
        let same = rest == want
        #expect(
            same,
            "\(name):\n\(Golden.diff(want.joined(separator: "\n"), rest.joined(separator: "\n")))")
        #expect(
            !rendered.contains("\\<"), "\(name): a backslash escape Python-Markdown does not know")
        #expect(
            !rendered.contains("&ndash;") && !rendered.contains("\u{2013}"),
            "\(name): smarty made a dash")
    }
}

/// Python-Markdown, configured as Buttondown documents it, run as a child process.
enum PythonMarkdown {
    /// The HTML, or nil when the Python packages are not installed.
    static func render(_ markdown: String) throws -> String? {
        let script = """
            import sys
            try:
                import markdown
                import pymdownx.tilde
            except ImportError:
                sys.exit(2)
            text = sys.stdin.read()
            sys.stdout.write(markdown.markdown(text, extensions=[
                'smarty', 'tables', 'footnotes', 'fenced_code', 'pymdownx.tilde', 'codehilite']))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 2 { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The block structure and visible text of HTML, one line per block element, for
    /// comparing two renderers: tag names of block elements (with nesting depth), and the text
    /// with white space collapsed and typographic quotes folded to straight ones.
    static func shape(_ html: String) -> [String] {
        let blockTags: Set<String> = [
            "p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
            "table", "tr", "th", "td", "hr",
        ]
        var lines: [String] = []
        var depth = 0
        var text = ""
        func flushText() {
            let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !collapsed.isEmpty { lines.append(String(repeating: " ", count: depth) + collapsed) }
            text = ""
        }
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close]
                let isEnd = tag.hasPrefix("/")
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blockTags.contains(name) {
                    flushText()
                    if isEnd {
                        depth -= 1
                    } else {
                        lines.append(String(repeating: " ", count: depth) + name)
                        if name != "hr" { depth += 1 }
                    }
                }
                index = html.index(after: close)
                continue
            }
            text.append(html[index])
            index = html.index(after: index)
        }
        flushText()
        return lines.map(normalized)
    }

    private static func normalized(_ line: String) -> String {
        var s = line
        for (entity, plain) in [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
            ("&rsquo;", "'"), ("&lsquo;", "'"), ("&rdquo;", "\""), ("&ldquo;", "\""),
            ("&hellip;", "..."), ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201C}", "\""),
            ("\u{201D}", "\""), ("\u{2026}", "..."), ("&#45;", "-"), ("&#126;", "~"),
            ("&#124;", "|"), ("&#x27;", "'"), ("&#58;", ":"),
        ] {
            s = s.replacingOccurrences(of: entity, with: plain)
        }
        return s
    }
}
