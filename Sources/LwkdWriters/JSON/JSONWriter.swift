import Foundation
import LwkdModel

/// The model's own interchange format: versioned JSON, pretty-printed with sorted keys.
public struct JSONWriter: Writer {
    public let format = "json"
    public let aliases: [String] = []
    public let fileExtension = "json"
    public let isBinary = false
    public let summary = "the document model as versioned JSON (for scripts and filters)"

    /// Creates the writer.
    public init() {}

    public func write(_ document: Document, in context: WriteContext) throws(WriteError) -> Output {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(document)
            return .text(String(decoding: data, as: UTF8.self) + "\n")
        } catch {
            throw .unsupported(format: format, reason: "\(error)")
        }
    }
}
