import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// `--to json` then `--from json --to markdown` gives the bytes of `--to markdown`.
@Suite struct JSONRoundTripTests {
    static func check(_ url: URL) throws {
        let document = try Convert.file(url)
        let json = try Convert.write(document, as: "json")
        let back = try JSONReader().read(Source(text: json, path: "x.json"), in: ReadContext())
        #expect(back == document, "JSON changed the model of \(url.lastPathComponent)")
        #expect(try Convert.write(back, as: "markdown") == Convert.write(document, as: "markdown"))
    }

    @Test(arguments: Repository.samplePosts) func sampleJSONRoundTrips(_ url: URL) throws {
        try Self.check(url)
    }

    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func corpusJSONRoundTrips() throws {
        for url in Repository.corpusPosts + Repository.seedPosts { try Self.check(url) }
    }

    @Test func generatedDocumentsSurviveJSON() throws {
        var generator = DocumentGenerator(seed: 7)
        for _ in 0..<300 {
            let document = generator.document(size: 8)
            let data = try JSONEncoder().encode(document)
            #expect(try JSONDecoder().decode(Document.self, from: data) == document)
        }
    }

    @Test func otherMajorVersionIsRefused() throws {
        var document = Document(blocks: [.thematicBreak])
        document.version = ModelVersion(major: 99, minor: 0)
        let json = try Convert.write(document, as: "json")
        #expect(throws: ReadError.self) {
            try JSONReader().read(Source(text: json, path: "v.json"), in: ReadContext())
        }
        #expect(json.contains("\"major\" : 99"))
    }
}
