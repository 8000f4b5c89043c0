import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

/// The model's JSON: versioned, sorted keys, labelled values.
@Suite struct JSONWriterTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: JSONWriter()) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func isVersionedAndLabelled() throws {
        let json = try Convert.write(
            Document(blocks: [.paragraph(content: [.text(text: "x")])]), as: "json")
        #expect(json.contains("\"version\" : {\n    \"major\" : 1,"))
        #expect(!json.contains("\"_0\""))
    }
}
