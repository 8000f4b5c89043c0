import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters

/// Shortcuts for tests: read text, write documents, with fixed context values.
public enum Convert {
    /// A context with a fixed generator string, as golden runs need.
    public static func context(diagnostics: DiagnosticSink = DiagnosticSink()) -> WriteContext {
        WriteContext(generator: "lwkdconv test", diagnostics: diagnostics)
    }

    /// Reads Markdown text.
    public static func markdown(
        _ text: String, fileName: String? = nil, diagnostics: DiagnosticSink = DiagnosticSink()
    ) throws -> Document {
        try MarkdownReader().read(
            Source(text: text, path: fileName ?? "test.md", fileName: fileName),
            in: ReadContext(diagnostics: diagnostics))
    }

    /// Reads a file, detecting its format as the CLI does.
    public static func file(_ url: URL, diagnostics: DiagnosticSink = DiagnosticSink()) throws
        -> Document
    {
        let bytes = try Array(Data(contentsOf: url))
        let text = try SourceDecoder.decode(bytes, path: url.path)
        let reader = try Readers.forSource(text, named: nil)
        return try reader.read(
            Source(text: text, path: url.path), in: ReadContext(diagnostics: diagnostics))
    }

    /// Writes a document with the named writer and returns text output.
    public static func write(
        _ document: Document, as format: String, diagnostics: DiagnosticSink = DiagnosticSink()
    ) throws -> String {
        let output = try Writers.named(format).write(
            document, in: context(diagnostics: diagnostics))
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
