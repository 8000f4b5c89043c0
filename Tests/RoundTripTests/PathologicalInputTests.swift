import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// Deep nesting and long delimiter runs finish without overflowing the stack; nesting beyond
/// the reader's limit is flattened with a warning.
@Suite struct PathologicalInputTests {
    @Test func tenThousandNestedQuotes() throws {
        let diagnostics = DiagnosticSink()
        let text = String(repeating: ">", count: 10_000) + " deep\n"
        let document = try Convert.markdown(text, diagnostics: diagnostics)
        #expect(document.blocks.count == 1)
        #expect(diagnostics.all.contains { $0.message.contains("flattened") })
        let markdown = try Convert.write(document, as: "markdown")
        #expect(markdown.contains("deep"))
        _ = try Convert.write(document, as: "html")
    }

    @Test func tenThousandNestedLists() throws {
        let text = String(repeating: "- ", count: 10_000) + "item\n"
        let document = try Convert.markdown(text)
        var words = 0
        document.forEachNode(inline: { if case .text(let t) = $0, t == "item" { words += 1 } })
        #expect(words == 1, "no item text may be lost when flattening")
        _ = try Convert.write(document, as: "markdown")
        _ = try Convert.write(document, as: "json")
    }

    @Test func hundredThousandStars() throws {
        let document = try Convert.markdown(String(repeating: "*", count: 100_000) + "\n")
        let written = try Convert.write(document, as: "markdown")
        #expect(try Convert.markdown(written) == document)
    }

    @Test func deeplyNestedEmphasis() throws {
        let text =
            String(repeating: "*a ", count: 5_000) + "b" + String(repeating: "*", count: 5_000)
            + "\n"
        let document = try Convert.markdown(text)
        _ = try Convert.write(document, as: "markdown")
        _ = try Convert.write(document, as: "html")
    }

    @Test func largePost() throws {
        let paragraph = "Some **bold** text with a [link](https://k8s.io) and `code`.\n\n"
        let text = String(repeating: paragraph, count: 40_000)  // ~2.6 MB; `make bench` times 50 MB
        let document = try Convert.markdown(text)
        #expect(document.blocks.count == 40_000)
    }
}
