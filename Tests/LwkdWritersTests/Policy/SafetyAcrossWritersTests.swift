import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// Issue 10: a post's `<script>`, `on*=` handlers and `javascript:` URLs reach no rendered
/// output, whichever writer renders it (the web page with `--sanitize`: without it, it keeps
/// the site author's raw HTML, issue 15).
@Suite struct SafetyAcrossWritersTests {
    static let post = """
        ---
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        ---

        Hello <span onmouseover="steal()">there</span>.

        <script>alert("block")</script>

        <div><img src="/x.png" onerror="alert(1)"><a href="javascript:alert(2)">raw</a></div>

        [markdown](javascript:alert(3)) and [upper](JAVASCRIPT:alert(4)) and
        [vb](vbscript:msgbox) and ![svg](data:image/svg+xml,<svg/onload=alert(5)>)

        """

    static let dangerous = ["<script", "onerror", "onmouseover", "javascript:", "vbscript:", "onload", "data:image/svg"]

    /// Every byte of a writer's output as lowercase text; an EPUB's members are unzipped.
    static func text(of output: Output, isBinary: Bool) throws -> String {
        guard isBinary else { return String(decoding: output.bytes, as: UTF8.self).lowercased() }
        let epub = try EPUBFile(output.bytes)
        return epub.paths.map { epub.text($0) }.joined(separator: "\n").lowercased()
    }

    @Test(arguments: Writers.all.map(\.format))
    func noDangerousMarkupInTheOutput(_ format: String) throws {
        var writer = try Writers.named(format)
        if format == "html" {
            // The web page keeps the author's raw HTML unless `--sanitize` (issue 15): the
            // rules hold with it; WebPageTests shows what the page keeps without it.
            var options = WriterOptions()
            options.sanitizesRawHTML = true
            writer = writer.configured(options)
        }
        let (document, map) = try MarkdownReader().readMapped(
            Source(text: Self.post, path: "2026-08-16-update.md"), in: ReadContext())
        let context = WriteContext(generator: "lwkdconv test")
        let post = Post(document: document, sourceMap: map, site: .lwkd, diagnostics: context.diagnostics)
        let text = try Self.text(
            of: try writer.write(writer.prepared(post, in: context), in: context),
            isBinary: writer.isBinary)
        if writer.preservesSource {
            // Markdown and JSON are the post's own source, written to be read back as it was
            // (the round trip); they render nothing, so they keep the author's text.
            #expect(text.contains("<script"), "\(format) should keep the source as written")
            return
        }
        for needle in Self.dangerous {
            #expect(!text.contains(needle), "\(format) output holds '\(needle)'")
        }
        // An announcement names the week and its highlights, not the body (this post has none).
        let harmless = format == "social" ? "week ending august 16" : "there"
        #expect(text.contains(harmless), "\(format) kept the harmless text")
    }

    @Test func onlyTheSourceFormatsKeepTheSource() {
        #expect(Writers.all.filter(\.preservesSource).map(\.format).sorted() == ["json", "markdown"])
    }
}
