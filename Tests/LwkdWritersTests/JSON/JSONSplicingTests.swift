import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

@testable import LwkdWriters

/// The JSON writer encodes a document a block at a time (and a long paragraph an inline at a
/// time) to bound its memory (issue 15, item 8); its bytes must be exactly those of one
/// JSONEncoder call over the whole document.
@Suite struct JSONSplicingTests {
    static func bothWays(_ document: Document) throws -> (spliced: String, whole: String) {
        let context = Convert.context()
        let spliced = try JSONWriter().write(document, in: context)
        let whole = try JSONWriter(splices: false).write(document, in: context)
        return (
            String(decoding: spliced.bytes, as: UTF8.self),
            String(decoding: whole.bytes, as: UTF8.self)
        )
    }

    @Test func samplesAndFixturesGiveTheSameBytes() throws {
        let samples = Repository.root().appendingPathComponent("samples")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
        where name.hasSuffix(".md") || name.hasSuffix(".txt") {
            let document = try Convert.file(samples.appendingPathComponent(name))
            let (spliced, whole) = try Self.bothWays(document)
            #expect(spliced == whole, "\(name)")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test func aLongParagraphAndNestingGiveTheSameBytes() throws {
        var inlines: [Inline] = []
        for i in 0..<300 {
            inlines.append(.text(text: "word \(i) \"quoted\" / slash "))
            inlines.append(
                .link(
                    link: Link(destination: "mailto:a\(i)@b.c", kind: .autolink),
                    content: [.text(text: "a\(i)@b.c")]))
            inlines.append(i % 2 == 0 ? .softBreak : .emphasis(content: [.code(text: "x")]))
        }
        let document = try Convert.markdown(
            "---\ntitle: T\ndate: 2026-08-20\ntags: [a, b]\n---\n\n- a\n  - b\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n> quote\n")
        var long = document
        long.blocks.insert(.paragraph(content: inlines), at: 1)
        long.blocks.append(.paragraph(content: Array(inlines.prefix(6))))
        let (spliced, whole) = try Self.bothWays(long)
        #expect(spliced == whole)
        // And it reads back.
        let read = try JSONReader().read(Source(text: spliced), in: ReadContext())
        #expect(read.blocks == long.normalized().blocks)
    }

    @Test func anEmptyDocumentGivesTheSameBytes() throws {
        let (spliced, whole) = try Self.bothWays(Document(blocks: []))
        #expect(spliced == whole)
    }
}
