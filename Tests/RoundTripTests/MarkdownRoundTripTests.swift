import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// `read(write(read(post))) == read(post)` and `write` is a fixpoint, over samples, seeds and
/// the real corpus.
@Suite struct MarkdownRoundTripTests {
    static func checkRoundTrip(_ url: URL) throws {
        let first = try Convert.file(url)
        let written = try Convert.write(first, as: "markdown")
        let second = try Convert.markdown(written, fileName: url.lastPathComponent)
        #expect(second == first, "model changed after a round trip: \(url.lastPathComponent)")
        let rewritten = try Convert.write(second, as: "markdown")
        #expect(
            rewritten == written,
            "Markdown writer is not a fixpoint on \(url.lastPathComponent):\n\(Golden.diff(written, rewritten))"
        )
    }

    static var markdownSamples: [URL] {
        Repository.samplePosts.filter { (try? Convert.file($0))?.meta.hasFrontMatter == true }
    }

    @Test func samplesExist() {
        #expect(Self.markdownSamples.count >= 3, "samples/ should hold Markdown posts")
    }

    @Test(arguments: markdownSamples) func sampleRoundTrips(_ url: URL) throws {
        try Self.checkRoundTrip(url)
    }

    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func corpusRoundTrips() throws {
        let posts =
            Repository.corpusPosts
            + Repository.seedPosts.filter { (try? Convert.file($0))?.meta.hasFrontMatter == true }
        #expect(posts.count >= 130)
        for url in posts { try Self.checkRoundTrip(url) }
    }

    /// What Markdown cannot express, mapped explicitly: adjacent lists of one kind are kept
    /// apart by an HTML comment, which reads back as a raw block.
    static func expressible(_ document: Document) -> Document {
        func separate(_ blocks: [Block]) -> [Block] {
            var out: [Block] = []
            for block in blocks {
                let mapped = block.mappingChildren(separate)
                switch (out.last, mapped) {
                case (.bulletList(let a)?, .bulletList(let b)) where a.marker == b.marker:
                    out.append(.rawBlock(format: "html", text: "<!-- end list -->\n"))
                case (.orderedList(let a)?, .orderedList(let b)) where a.delimiter == b.delimiter:
                    out.append(.rawBlock(format: "html", text: "<!-- end list -->\n"))
                default: break
                }
                out.append(mapped)
            }
            return out
        }
        var copy = document
        copy.blocks = separate(document.blocks)
        return copy
    }

    @Test func generatedDocumentsRoundTrip() throws {
        var generator = DocumentGenerator(seed: 42)
        for _ in 0..<400 {
            let document = generator.document(size: 6)
            let written = try Convert.write(document, as: "markdown")
            let back = try Convert.markdown(written)
            var expected = Self.expressible(document)
            expected.meta = back.meta
            #expect(back == expected, "generated document did not round-trip:\n\(written)")
            if back != expected { return }
        }
    }
}
