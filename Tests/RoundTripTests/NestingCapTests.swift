import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// Issue 15, item 10: nesting past the reader's 64-level cap is flattened, but the items past
/// it must stay separate items (not run into one `<li>item64item65…`), and plain output must
/// not be indented past `--columns`.
@Suite struct NestingCapTests {
    /// `- item1` … `- item80`, each nested one level deeper than the one before.
    static let eightyLevels: String = (1...80).map {
        String(repeating: "  ", count: $0 - 1) + "- item\($0)"
    }.joined(separator: "\n") + "\n"

    /// The texts of the items of every list, outermost first.
    static func itemTexts(_ blocks: [Block]) -> [[String]] {
        var lists: [[String]] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                guard case .bulletList(let list) = block else { continue }
                lists.append(
                    list.items.map { item in
                        item.blocks.compactMap { block -> String? in
                            guard case .paragraph(let content) = block,
                                case .text(let text)? = content.first
                            else { return nil }
                            return text
                        }.joined(separator: "|")
                    })
                for item in list.items { visit(item.blocks) }
            }
        }
        visit(blocks)
        return lists
    }

    @Test func itemsPastTheCapStaySeparateItemsInOrder() throws {
        let diagnostics = DiagnosticSink()
        let document = try Convert.markdown(Self.eightyLevels, diagnostics: diagnostics)
        #expect(diagnostics.all.contains { $0.message.contains("flattened") })
        let lists = Self.itemTexts(document.blocks)
        #expect(lists.count == 64, "the model keeps 64 levels")
        // The 64th list holds item64 and, after it, every deeper item as its own item.
        #expect(lists.last == (64...80).map { "item\($0)" })
        for level in 1..<64 { #expect(lists[level - 1] == ["item\(level)"]) }
    }

    @Test func htmlGluesNoItemsTogether() throws {
        let html = try Convert.write(Convert.markdown(Self.eightyLevels), as: "html")
        for n in 1...80 { #expect(html.contains("<li>item\(n)"), "item\(n) is its own <li>") }
        #expect(!html.contains("item64\nitem65"))
        #expect(!html.contains("item64item65"))
    }

    @Test func plainOutputStaysWithinTheColumns() throws {
        let document = try Convert.markdown(Self.eightyLevels)
        for columns in [40, 72] {
            var context = Convert.context()
            context.columns = columns
            let output = try PlainTextWriter().write(document, in: context)
            let text = String(decoding: output.bytes, as: UTF8.self)
            let long = text.split(separator: "\n").filter { $0.count > columns }
            #expect(long.isEmpty, "\(long.count) lines longer than \(columns)")
            for n in [1, 64, 65, 80] { #expect(text.contains("- item\(n)\n")) }
        }
    }

    /// A shallow list is indented exactly as before.
    @Test func aShallowListKeepsItsIndentation() throws {
        let document = try Convert.markdown("- a\n  - b\n    - c\n")
        var context = Convert.context()
        context.columns = 72
        let output = try PlainTextWriter().write(document, in: context)
        #expect(String(decoding: output.bytes, as: UTF8.self).hasSuffix("- a\n  - b\n    - c\n"))
    }
}
