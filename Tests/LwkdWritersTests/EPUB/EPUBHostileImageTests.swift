import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters
import Testing

/// An SVG image is embedded only once it is safe; one that cannot be made safe is linked, as a
/// remote image is (issue 15, item 9).
@Suite struct EPUBHostileImageTests {
    static let svg = """
        <!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
          <script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>&xxe;</text></a>
          <circle cx="5" cy="5" r="4"/>
        </svg>
        """

    static let post = """
        ---
        title: Week Ending August 2, 2026
        date: 2026-08-03 22:00:00 -0000
        ---

        ![chart](/images/chart.svg) and ![broken](/images/broken.svg)

        """

    static func book(diagnostics: DiagnosticSink) throws -> EPUBFile {
        let loader = ResourceLoader { url in
            switch url {
            case "/images/chart.svg": .found(path: "res/images/chart.svg", bytes: Array(svg.utf8))
            case "/images/broken.svg":
                .found(path: "res/images/broken.svg", bytes: Array("<svg><g></svg>".utf8))
            default: .notFound
            }
        }
        let (document, map) = try MarkdownReader().readMapped(
            Source(text: post, path: "2026-08-02-update.md"), in: ReadContext())
        let context = WriteContext(
            generator: "lwkdconv test", resources: loader, diagnostics: diagnostics)
        let post = Post(document: document, sourceMap: map, site: .lwkd, diagnostics: diagnostics)
        let writer = EPUBWriter()
        return try EPUBFile(try writer.write(writer.prepared(post, in: context), in: context).bytes)
    }

    @Test func aHostileSVGIsEmbeddedOnlyOnceSafe() throws {
        let diagnostics = DiagnosticSink()
        let epub = try Self.book(diagnostics: diagnostics)
        let image = epub.text("EPUB/images/chart.svg").lowercased()
        #expect(image.contains("<circle"))
        for needle in ["<!doctype", "xxe", "<script", "onload", "javascript:"] {
            #expect(!image.contains(needle), "'\(needle)' in \(image)")
        }
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
        let messages = diagnostics.all.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("2026-08-02-update.md:6:1: warning: SVG image res/images/chart.svg: removed its DOCTYPE")
            }, "\(messages)")
    }

    @Test func anSVGThatIsNotWellFormedIsLinkedNotEmbedded() throws {
        let diagnostics = DiagnosticSink()
        let epub = try Self.book(diagnostics: diagnostics)
        #expect(!epub.paths.contains { $0.hasSuffix("broken.svg") })
        #expect(epub.text("EPUB/chapter-001.xhtml").contains(
            "<a href=\"https://lwkd.info/images/broken.svg\">broken</a>"))
        #expect(
            diagnostics.all.map(\.description).contains(
                "2026-08-02-update.md:6:33: warning: SVG image res/images/broken.svg is not well-formed XML; linked with its alt text instead"
            ))
    }
}
