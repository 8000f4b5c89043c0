import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

/// The shared writer fixtures as EPUBs: goldens hold the member list and each member's text
/// (not the zip bytes), and every XML member must be well-formed.
@Suite struct EPUBGoldenTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        let document = try WriterGoldens.input(name)
        let epub = try EPUBFile(try EPUBWriter().write(document, in: Convert.context()).bytes)
        #expect(epub.xmlProblems.isEmpty, "\(name): \(epub.xmlProblems)")
        let url = WriterGoldens.fixtures.appendingPathComponent("epub/\(name).txt")
        if let failure = Golden.check(epub.listing, against: url) {
            Issue.record(Comment(rawValue: failure))
        }
    }
}
