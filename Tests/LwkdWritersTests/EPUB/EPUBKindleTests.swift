import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// What Kindle's "Send to Kindle" rejects (E999): images over 5 MB or 4000 px, `--` in XML
/// comments, a missing `dc:language`, a nav without an NCX.
@Suite struct EPUBKindleTests {
    /// A PNG header (signature and IHDR) of the given size; enough for the size check.
    static func png(width: Int, height: Int) -> [UInt8] {
        func be(_ n: Int) -> [UInt8] {
            [UInt8(n >> 24 & 255), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + be(width) + be(height) + [8, 6, 0, 0, 0]
    }

    /// A GIF header, 8000 wide × 10 high.
    static let gif: [UInt8] = Array("GIF89a".utf8) + [0x40, 0x1F, 0x0A, 0x00] + [0, 0, 0]
    /// A JPEG: SOI, an APP0 segment, then SOF0 of 300 high × 4500 wide.
    static let jpeg: [UInt8] =
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]
        + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x11, 0x94, 0x03]
        + [UInt8](repeating: 0, count: 12)
    /// A lossless WebP (VP8L) 5000 wide × 20 high.
    static let webp: [UInt8] = {
        let bits = (5000 - 1) | ((20 - 1) << 14)
        var b = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0, 0, 0, 0, 0x2F]
        b += [
            UInt8(bits & 255), UInt8(bits >> 8 & 255), UInt8(bits >> 16 & 255),
            UInt8(bits >> 24 & 255),
        ]
        return b + [UInt8](repeating: 0, count: 8)
    }()

    func book(images: [String: [UInt8]], body: String) throws -> (EPUBFile, String) {
        let document = try MarkdownReader().read(
            Source(
                text:
                    "---\ntitle: Week Ending March 1, 2026\ndate: 2026-03-02\nlang: en-GB\n---\n\n\(body)\n",
                path: "2026-03-01-update.md"), in: ReadContext())
        let diagnostics = DiagnosticSink()
        let loader = ResourceLoader { url in
            images[url].map { .found(path: "res" + url, bytes: $0) } ?? .notFound
        }
        let context = WriteContext(generator: "test", resources: loader, diagnostics: diagnostics)
        let digest = Digest(year: 2026, posts: [document.post()])
        let epub = try EPUBFile(try EPUBWriter().writeDigest(digest, in: context).bytes)
        return (epub, diagnostics.drain().map(\.message).joined(separator: "\n"))
    }

    @Test func imagesOverTheLimitsAreLinkedNotEmbedded() throws {
        let images = [
            "/a.png": Self.png(width: 4001, height: 10), "/b.gif": Self.gif, "/c.jpg": Self.jpeg,
            "/d.webp": Self.webp, "/ok.png": Self.png(width: 4000, height: 4000),
            "/big.png": Self.png(width: 10, height: 10)
                + [UInt8](repeating: 0, count: 5 * 1024 * 1024),
        ]
        let body = images.keys.sorted().map { "![\($0)](\($0))" }.joined(separator: "\n\n")
        let (epub, messages) = try book(images: images, body: body)
        #expect(messages.contains("res/a.png is 4001×10 px, over Kindle's limit of 4000 px a side"))
        #expect(messages.contains("res/b.gif is 8000×10 px"))
        #expect(messages.contains("res/c.jpg is 4500×300 px"))
        #expect(messages.contains("res/d.webp is 5000×20 px"))
        #expect(messages.contains("res/big.png is 5.0 MB, over Kindle's 5 MB limit"), "\(messages)")
        #expect(epub.paths.filter { $0.hasPrefix("EPUB/images/") } == ["EPUB/images/ok.png"])
    }

    @Test func languageNCXAndCommentsAreKindleSafe() throws {
        let (epub, _) = try book(
            images: [:],
            body:
                "Text <!-- a -- b --> more.\n\n<!-- block -- comment -->\n\n<div>x<!-- c--d --></div>"
        )
        #expect(epub.text("EPUB/package.opf").contains("<dc:language>en-GB</dc:language>"))
        #expect(
            epub.text("EPUB/package.opf").contains(
                "href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\""))
        for path in epub.paths
        where path.hasSuffix(".xhtml") || path.hasSuffix(".opf") || path.hasSuffix(".ncx")
            || path.hasSuffix(".svg")
        {
            var rest = Substring(epub.text(path))
            while let open = rest.range(of: "<!--") {
                let close = try #require(rest[open.upperBound...].range(of: "-->"))
                #expect(!rest[open.upperBound..<close.lowerBound].contains("--"), "\(path)")
                rest = rest[close.upperBound...]
            }
        }
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
    }
}

/// The appendix a digest gathers, through the public model (``DigestAppendix``).
@Suite struct DigestAppendixModelTests {
    static let sections = DigestSections(theme: .builtinDefault)

    func chapters(_ bodies: [String]) throws -> [DigestAppendix.Chapter] {
        let posts = try bodies.enumerated().map { i, body in
            try MarkdownReader().read(
                Source(
                    text:
                        "---\ntitle: Week Ending March \(i + 1), 2026\ndate: 2026-03-0\(i + 2)\n---\n\n\(body)\n",
                    path: "2026-03-0\(i + 1)-update.md"), in: ReadContext()
            ).post()
        }
        return Digest(year: 2026, posts: posts, appendix: .included(Self.sections)).parts[0]
            .appendix
    }

    @Test func builtInThemeCarriesTheSectionTable() {
        #expect(Self.sections.contains("NOW BETA", in: .promotions))
        #expect(Self.sections.contains("removed", in: .deprecations))
        #expect(Self.sections.contains("Subprojects and Dependency Updates", in: .versionUpdates))
        #expect(Self.sections.contains("Featured KEPs", in: .featured))
        #expect(!Self.sections.contains("Other Merges", in: .promotions))
    }

    @Test func kepNumbersFromPathsIssuesAndText() throws {
        let chapters = try chapters([
            """
            ## Featured PRs

            ### [enhancements#3392: KEP-3104: Introduce kuberc](https://github.com/kubernetes/enhancements/pull/3392)

            See [the KEP](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/2008-forensic-container-checkpointing)
            and [its issue](https://github.com/kubernetes/enhancements/issues/1287); KEP 0019 too, but not KEPs or enhancements#999.
            """,
            "## Developer News\n\nMore on KEP-2008 and [an old one](https://github.com/kubernetes/community/blob/master/keps/sig-node/0009-node-heartbeat.md).",
        ])
        let index = try #require(chapters.first { $0.family == .kepIndex })
        guard case .bulletList(let list) = index.blocks.first else {
            Issue.record("the index is one list")
            return
        }
        let lines = list.items.map { $0.blocks.map(\.plainTextForTest).joined() }
        #expect(
            lines == [
                "KEP-0009 — March 2, 2026", "KEP-0019 — March 1, 2026", "KEP-1287 — March 1, 2026",
                "KEP-2008 — March 1, 2026, March 2, 2026",
                "KEP-3104: Introduce kuberc — March 1, 2026",
            ], "\(lines)")
    }

    @Test func emptyFamiliesHaveNoChapter() throws {
        let chapters = try chapters([
            "## Developer News\n\nNothing.\n\n## Promotions\n\n* [X to GA](https://example.org/x)"
        ])
        #expect(chapters.map(\.family) == [.promotions])
    }
}

extension Block {
    /// The block's text, inline markup dropped (for comparing list items).
    var plainTextForTest: String {
        var out = ""
        forEach(
            block: { _ in },
            inline: { inline in
                if case .text(let text) = inline { out += text }
            })
        return out
    }
}
