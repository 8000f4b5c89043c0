import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdThemes
import LwkdWriters
import LwkdXML

/// Shared inputs for the e-mail tests: the sample post, the repository's themes and a tree
/// walker over the output.
enum EmailFixtures {
    static let root = Repository.root()

    static func read(_ text: String, fileName: String) throws -> Document {
        try MarkdownReader().read(
            Source(text: text, fileName: fileName), in: ReadContext(diagnostics: DiagnosticSink()))
    }

    static func sample() throws -> Document {
        let path = root.appendingPathComponent("samples/2026-07-30-email-sample.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try read(text, fileName: "2026-07-30-email-sample.md")
    }

    static func theme(_ name: String) throws -> Theme {
        try ThemeLoader(searchPaths: [root.appendingPathComponent("themes").path]).load(name)
    }

    static func context(theme: Theme, diagnostics: DiagnosticSink = DiagnosticSink())
        -> WriteContext
    {
        WriteContext(generator: "lwkdconv test", diagnostics: diagnostics, theme: theme)
    }

    /// Every element in document order.
    static func elements(_ root: HTMLElement) -> [HTMLElement] {
        var out: [HTMLElement] = [root]
        for case .element(let child) in root.children { out += elements(child) }
        return out
    }
}
