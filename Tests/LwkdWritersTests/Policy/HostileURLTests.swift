import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// One URL policy for every rendering writer (issue 15, item 5): links may be http, https,
/// mailto or relative; images http, https, relative or `data:` PNG, JPEG, GIF or WebP. Anything
/// else is written as text, with a warning naming file, line and column.
@Suite struct HostileURLTests {
    static let post = """
        ---
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        ---

        A [js](javascript:alert(1)) and [upper](JAVASCRIPT:alert(2)) link.
        A [vb](vbscript:msgbox(3)) and [page](data:text/html,<b>4</b>) link.
        An autolink <javascript:alert(5)> and a [reference][bad].
        A [file](ftp://example.org/six) and [phone](tel:+1-555-0107) link.
        ![svg](data:image/svg+xml,<svg/onload=alert(8)>) ![mail](mailto:nine@example.org)
        ![near](data:image/pngx;base64,AAAA) ![fine](data:image/png;base64,iVBORw0KGgo=)
        A [mail](mailto:news@lwkd.info) and [site](/2026/x) and [web](https://lwkd.info/) link.

        [bad]: javascript:alert(6)

        """

    /// The output of a writer as text (EPUB members unzipped, Atom content unescaped) and
    /// the warnings it gave.
    static func render(_ format: String) throws -> (text: String, warnings: [String]) {
        let writer = try Writers.named(format)
        let (document, map) = try MarkdownReader().readMapped(
            Source(text: post, path: "2026-08-16-update.md"), in: ReadContext())
        let diagnostics = DiagnosticSink()
        let context = WriteContext(generator: "lwkdconv test", diagnostics: diagnostics)
        let post = Post(document: document, sourceMap: map, site: .lwkd, diagnostics: diagnostics)
        let output = try writer.write(writer.prepared(post, in: context), in: context)
        var text: String
        if writer.isBinary {
            let epub = try EPUBFile(output.bytes)
            text = epub.paths.filter { $0.hasSuffix("html") }.map { epub.text($0) }.joined()
        } else {
            text = String(decoding: output.bytes, as: UTF8.self)
        }
        if format == "atom" { text = HTMLEntities.decode(text) }
        return (text, diagnostics.all.map(\.description))
    }

    static let formats = ["html", "html-email", "epub", "atom"]

    /// Every `href`, `src` and `xlink:href` value.
    static func urls(in text: String) -> [String] {
        text.matches(of: #/(?:href|src)="([^"]*)"/#).map { String($0.output.1) }
    }

    @Test(arguments: formats)
    func noForbiddenURLReachesAnAttribute(_ format: String) throws {
        let (text, _) = try Self.render(format)
        let urls = Self.urls(in: text)
        for url in urls {
            let lower = url.lowercased()
            let allowed =
                lower.hasPrefix("https:") || lower.hasPrefix("http:") || lower.hasPrefix("mailto:")
                || lower.hasPrefix("data:image/png;") || !lower.contains(":")
            #expect(allowed, "\(format): \(url)")
            #expect(!lower.hasPrefix("mailto:nine"), "\(format): \(url)")
        }
        // Their text stays.
        for words in ["A js and upper link.", "A vb and page link.", "and a reference.", "A file and phone link."] {
            #expect(text.contains(words), "\(format): \(words)")
        }
        // What the policy allows is kept.
        #expect(urls.contains("mailto:news@lwkd.info"), "\(format): \(urls)")
        #expect(urls.contains("https://lwkd.info/"), "\(format): \(urls)")
    }

    @Test(arguments: formats)
    func eachRemovalIsAWarningAtItsPlace(_ format: String) throws {
        let (_, warnings) = try Self.render(format)
        let file = "2026-08-16-update.md"
        for expected in [
            "\(file):6:3: warning: link to a 'javascript:' URL removed; kept its text",
            "\(file):6:33: warning: link to a 'javascript:' URL removed; kept its text",
            "\(file):7:3: warning: link to a 'vbscript:' URL removed; kept its text",
            "\(file):7:32: warning: link to a 'data:' URL removed; kept its text",
            "\(file):9:3: warning: link to a 'ftp:' URL removed; kept its text",
            "\(file):9:37: warning: link to a 'tel:' URL removed; kept its text",
            // The autolink and the reference (whose definition is on line 13).
            "\(file):8:13: warning: link to a 'javascript:' URL removed; kept its text",
            "\(file):8:41: warning: link to a 'javascript:' URL removed; kept its text",
            "\(file):10:1: warning: image to a 'data:' URL removed; kept its alt text",
            "\(file):10:50: warning: image to a 'mailto:' URL removed; kept its alt text",
            "\(file):11:1: warning: image to a 'data:' URL removed; kept its alt text",
        ] {
            #expect(warnings.contains(expected), "\(format): \(expected) not in \(warnings)")
        }
        #expect(
            warnings.filter { $0.contains("'javascript:' URL removed") }.count == 4,
            "\(format): \(warnings)")
    }

    @Test func linkTargetsFollowThePolicy() {
        #expect(LinkTarget("ftp://example.org/x") == .forbidden(scheme: "ftp"))
        #expect(LinkTarget("tel:+15550100") == .forbidden(scheme: "tel"))
        #expect(LinkTarget("irc://irc.libera.chat/k8s") == .forbidden(scheme: "irc"))
        #expect(LinkTarget("mailto:a@example.org") == .absolute)
        #expect(LinkTarget("mailto:a@example.org", isImage: true) == .forbidden(scheme: "mailto"))
        #expect(LinkTarget("data:image/png;base64,AA", isImage: true) == .absolute)
        #expect(LinkTarget("DATA:IMAGE/JPEG;base64,AA", isImage: true) == .absolute)
        #expect(LinkTarget("data:image/gif,GIF89a", isImage: true) == .absolute)
        #expect(LinkTarget("data:image/webp;base64,AA", isImage: true) == .absolute)
        #expect(LinkTarget("data:image/pngx;base64,AA", isImage: true) == .forbidden(scheme: "data"))
        #expect(LinkTarget("data:image/svg+xml,<svg/>", isImage: true) == .forbidden(scheme: "data"))
        #expect(LinkTarget("data:image/png;base64,AA") == .forbidden(scheme: "data"))
    }
}
