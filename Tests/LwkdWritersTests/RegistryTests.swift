import Foundation
import LwkdTestSupport
import LwkdWriters
import Testing

/// The writer registry: unique names, lookups, and goldens for every writer.
@Suite struct RegistryTests {
    @Test func namesAndAliasesAreUnique() {
        let names = Writers.all.flatMap { [$0.format] + $0.aliases }
        #expect(Set(names).count == names.count, "duplicate format names: \(names)")
        #expect(
            Writers.all.map(\.format) == Writers.all.map(\.format).sorted(), "registry is sorted")
    }

    @Test func lookupByNameAliasAndExtension() throws {
        #expect(try Writers.named("MD").format == "markdown")
        #expect(Writers.forFileName("post.json")?.format == "json")
        #expect(Writers.forFileName("out/post.email.html")?.format == "html-email")
        #expect(Writers.forFileName("post.html")?.format == "html")
        #expect(Writers.forFileName("feed.atom")?.format == "atom")
        #expect(Writers.forFileName("feed.xml")?.format == "atom")
        #expect(Writers.forFileName("post.eml")?.format == "eml")
        #expect(Writers.forFileName("post.epub")?.format == "epub")
        #expect(Writers.forFileName("post.md")?.format == "markdown")
        #expect(Writers.forFileName("post.txt")?.format == "plain")
        #expect(Writers.forFileName("post.docx") == nil)
        #expect(throws: WriteError.self) { try Writers.named("docx") }
    }

    @Test(arguments: Writers.all.map(\.format)) func everyWriterHasGoldens(_ format: String) {
        let dir = WriterGoldens.fixtures.appendingPathComponent(format)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        #expect(
            files.count >= WriterGoldens.cases.count,
            "\(format) has \(files.count) goldens for \(WriterGoldens.cases.count) inputs")
    }

    @Test func everyWriterAcceptsGeneratedDocuments() throws {
        var generator = DocumentGenerator(seed: 99)
        for _ in 0..<60 {
            let document = generator.document(size: 10)
            for writer in Writers.all {
                _ = try writer.write(document, in: Convert.context())
            }
        }
    }
}
