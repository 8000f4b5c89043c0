import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// `Fixtures/markdown/<case>.md` reads to `<case>.json`.
@Suite struct MarkdownFixtureTests {
    static let dir = Repository.root().appendingPathComponent(
        "Tests/LwkdReadersTests/Fixtures/markdown")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func thereAreFixtures() { #expect(Self.cases.count >= 15) }

    @Test(arguments: cases) func readsToGolden(_ name: String) throws {
        let document = try Convert.file(Self.dir.appendingPathComponent(name + ".md"))
        var portable = document
        portable.meta.fileName = name + ".md"
        let json = try Convert.write(portable, as: "json")
        if let failure = Golden.check(
            json, against: Self.dir.appendingPathComponent(name + ".json"))
        {
            Issue.record(Comment(rawValue: failure))
        }
    }
}
