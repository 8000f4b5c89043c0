import Foundation
import LwkdModel
import LwkdTestSupport
import Testing

@testable import LwkdReaders

/// A long body is parsed a piece at a time (issue 15: cmark-gfm's tree of a 50 MB post was
/// 1.3 GB), and the pieces must read exactly as the whole: the same blocks, the same source
/// map, the same warnings. Every comparison here reads with pieces as small as they go (a cut
/// before every heading the scan allows) and whole.
@Suite struct MarkdownPiecesTests {
    struct Reading: Equatable {
        var document: Document
        var map: SourceMap
        var warnings: [String]
    }

    static func read(_ text: String, pieceSize: Int, outline: Bool = false) throws -> Reading {
        let sink = DiagnosticSink()
        let context = ReadContext(diagnostics: sink, recordsOutline: outline)
        let (document, map) = try MarkdownReader(pieceSize: pieceSize).readMapped(
            Source(text: text, path: "post.md"), in: context)
        return Reading(document: document, map: map, warnings: sink.all.map(\.description))
    }

    /// The lines (1-based, in the body) the pieces after the first start on.
    static func cuts(_ body: String) -> [Int] {
        let bytes = Array(body.utf8)
        return MarkdownPieces.cuts(bytes, lineStarts: LineStarts.of(bytes), size: 1).map { $0 + 1 }
    }

    /// Pieces read as the whole; returns how many cuts the reading made.
    @discardableResult
    static func expectSame(_ text: String, _ name: String, outline: Bool = false) throws -> Int {
        let whole = try read(text, pieceSize: Int.max, outline: outline)
        let pieces = try read(text, pieceSize: 1, outline: outline)
        if pieces != whole {
            let diff = Golden.diff(
                "\(whole.document)\n\(whole.map)\n\(whole.warnings)".replacingOccurrences(of: ", ", with: ",\n"),
                "\(pieces.document)\n\(pieces.map)\n\(pieces.warnings)".replacingOccurrences(of: ", ", with: ",\n"))
            Issue.record("\(name): read in pieces, it differs from the whole:\n\(diff)")
        }
        return cuts(String(try FrontMatter.split(text, path: name).body)).count
    }

    @Test(arguments: [
        // text, the lines cut before
        ("para\n\n# A\n\ntext\n\n## B\n", [3, 7]),
        // A fence runs past blank lines: its `# …` is code.
        ("```\ncode\n\n# not a heading\n```\n\n# H\n", [7]),
        ("~~~~\n\n# x\n~~~\n\n# y\n~~~~\n", []),
        // A fence of backticks with a backtick after them is no fence.
        ("``` a`b\n\n# x\n", []),
        // HTML blocks of kinds 1 to 5 run to their end marker.
        ("<!--\n\n# x\n-->\n\n# y\n", [6]),
        ("<!-- one line -->\n\n# y\n", [3]),
        ("<script>\n\n# x\n</script>\n\n# y\n", [6]),
        ("<!-->\n\n# y\n", []),
        ("<textarea>\n\n# y\n", []),
        // Kinds 6 and 7 end at a blank line; a fence inside one is not placed.
        ("<div>\n\n# h\n", [3]),
        ("<div>\n```\n\n# h\n```\n\n# i\n", []),
        // Reference definitions cross pieces: no cut at all.
        ("[a]: /x\n\n# h\n\n[a]\n", []),
        // A fence indented into a list item is not placed; one indented four is inside one.
        ("- a\n\n  ```\n\n# b\n  ```\n\n# c\n", []),
        ("1.  a\n\n    ```\n\n# b\n\n```\ncode\n\n# in code\n```\n", [5]),
        // A list before a heading keeps its spacing; a heading needs a blank line before it.
        ("- a\n- b\n\n# h\n\n- c\n\n- d\n", [4]),
        ("text\n# h\n", []),
        ("> quote\n\n# h\n#nope\n\n####### seven\n", [3]),
        // Lone CRs end lines too.
        ("a\r\r# b\r\rc *d*\r", [3]),
        ("a\r\n\r\n# b\r\n", [3]),
    ])
    func cutsWhereThePiecesReadAsTheWhole(_ text: String, _ expected: [Int]) throws {
        #expect(Self.cuts(text) == expected, "\(text.debugDescription)")
        try Self.expectSame(text, text.debugDescription)
        try Self.expectSame(text, text.debugDescription, outline: true)
    }

    @Test func shortBodiesAreReadWhole() {
        let body = Array("para\n\n# A\n".utf8)
        #expect(MarkdownPieces.cuts(body, lineStarts: LineStarts.of(body), size: 100).isEmpty)
        let long = Array(String(repeating: "text\n\n# A\n\n", count: 40).utf8)
        let cuts = MarkdownPieces.cuts(long, lineStarts: LineStarts.of(long), size: 100)
        // Each piece holds at least 100 bytes: the headings start at byte 6 + 11 k, so the cuts
        // are before k = 9, 19, 29 and 39 (bytes 105, 215, 325, 435).
        #expect(cuts == [9, 19, 29, 39].map { 4 * $0 + 2 }, "\(cuts)")
    }

    @Test func samplesAndReaderFixturesReadInPiecesAsWhole() throws {
        let fixtures = Repository.root().appendingPathComponent("Tests/LwkdReadersTests/Fixtures/markdown")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        var cut = 0
        for url in Repository.samplePosts.filter({ $0.pathExtension == "md" })
            + names.map({ fixtures.appendingPathComponent($0) })
        {
            let text = try String(contentsOf: url, encoding: .utf8)
            cut += try Self.expectSame(text, url.lastPathComponent, outline: true)
        }
        // The samples are made of headed sections: they really are read in pieces.
        #expect(cut >= 10, "only \(cut) cuts over the samples and fixtures")
    }

    /// The fuzz corpus is the oddest Markdown there is: fences, HTML, CRs, deep nesting.
    @Test func fuzzCorpusReadsInPiecesAsWhole() throws {
        let folder = Repository.root().appendingPathComponent(
            "Tests/FuzzRegressionTests/Regressions/markdown")
        let files = FileManager.default.enumerator(atPath: folder.path)?
            .compactMap { $0 as? String }.filter { !$0.hasSuffix("/") } ?? []
        var read = 0
        var cut = 0
        for file in files.sorted() {
            let url = folder.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            // Front matter the reader refuses is no test of the body.
            guard (try? Self.read(text, pieceSize: Int.max)) != nil else { continue }
            cut += try Self.expectSame(text, file)
            read += 1
        }
        #expect(read > 1000, "only \(read) fuzz inputs read")
        #expect(cut > 50, "only \(cut) cuts over the fuzz corpus")
    }

    @Test(.enabled(if: !Repository.corpusPosts.isEmpty, Comment(rawValue: Repository.sharedMissing)))
    func corpusReadsInPiecesAsWhole() throws {
        var cut = 0
        for url in Repository.corpusPosts + Repository.seedPosts {
            let text = try String(contentsOf: url, encoding: .utf8)
            cut += try Self.expectSame(text, url.lastPathComponent, outline: true)
        }
        #expect(cut > 300, "only \(cut) cuts over the corpus")
    }
}

/// cmark-gfm's autolink extension gives bare `https://` and e-mail links, and the paragraph it
/// leaves before a table, no position (line 0): the ranges came out as the line before the
/// body (or, read in pieces, before the piece). They are found in the source instead.
@Suite struct UnplacedNodeRangeTests {
    @Test func bareAutolinksAreFoundOnTheirLine() throws {
        let text = "---\ntitle: T\n---\n\na\n\nfoo https://x.y bar\nand www.k8s.io, a@b.c and https://x.y\n"
        let (_, map) = try MarkdownReader().readMapped(
            Source(text: text, path: "post.md"), in: ReadContext())
        #expect(map.links["https://x.y"]?.map(\.description) == ["7:5", "8:27"])
        #expect(map.links["mailto:a@b.c"]?.map(\.description) == ["8:17"])
        #expect(map.links["http://www.k8s.io"]?.map(\.description) == ["8:5"])
    }

    @Test func theParagraphBeforeATableStartsAfterTheBlockBeforeIt() throws {
        // The table extension turns `x\n| a |\n|---|` into a paragraph with no position and
        // a table.
        let text = "# h\n\nx\n| a |\n|---|\n| b |\n"
        let (_, map) = try MarkdownReader().readMapped(
            Source(text: text, path: "post.md"), in: ReadContext())
        #expect(map.blocks.map(\.description) == ["1:1", "3:1", "3:1"])
    }
}
