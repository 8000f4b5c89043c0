import Foundation
import LwkdModel

/// Reads the model's own JSON, as written by `--to json`; refuses another major version.
public struct JSONReader: Reader {
    public let format = "json"
    public let aliases: [String] = []
    public let summary = "the document model as versioned JSON"

    /// Creates the reader.
    public init() {}

    public func read(_ source: Source, in context: ReadContext) throws(ReadError) -> Document {
        let path = source.path ?? "-"
        struct Header: Decodable { var version: ModelVersion }
        let data = Data(source.text.utf8)
        let decoder = JSONDecoder()
        let unsupported: (ModelVersion) -> ReadError = { version in
            .invalidJSON(
                path: path,
                problem:
                    "model version \(version) is not supported (this build reads \(ModelVersion.current.major).x)"
            )
        }
        // One decode on the normal path; the header alone is read only after a failure, so a
        // document of another major version gets the version message, not a schema one.
        let document: Document
        do {
            document = try decoder.decode(Document.self, from: data)
        } catch {
            if let header = try? decoder.decode(Header.self, from: data),
                header.version.major != ModelVersion.current.major
            {
                throw unsupported(header.version)
            }
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let (line, column, problem) = Self.syntaxError(in: data)
            {
                throw .invalidJSONSyntax(path: path, line: line, column: column, problem: problem)
            }
            throw .invalidJSON(path: path, problem: Self.problem(error))
        }
        guard document.version.major == ModelVersion.current.major else {
            throw unsupported(document.version)
        }
        return document
    }

    /// Where JSON syntax breaks: JSONDecoder says only that the data is not valid JSON;
    /// JSONSerialization names the byte ("around character 32"), turned here into a line and
    /// a column (in characters).
    static func syntaxError(in data: Data) -> (line: Int, column: Int, problem: String)? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail =
                (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            var problem = detail
            var offset = data.count
            if let range = detail.range(of: " around character ") {
                problem = String(detail[..<range.lowerBound])
                offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) ?? data.count
            } else if detail.hasSuffix(".") {
                problem = String(detail.dropLast())
            }
            let bytes = data.prefix(min(offset, data.count))
            let line = 1 + bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            let lineStart = bytes.lastIndex(of: 10).map { $0 + 1 } ?? bytes.startIndex
            let column =
                1 + String(decoding: bytes[lineStart..<bytes.endIndex], as: UTF8.self).count
            let first = problem.prefix(1).lowercased()
            return (line, column, first + problem.dropFirst())
        }
    }

    private static func problem(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): describe(context)
        case DecodingError.keyNotFound(let key, let context):
            Self.where(context).isEmpty
                ? "missing '\(key.stringValue)' at the top level"
                : "missing '\(key.stringValue)' at \(Self.where(context))"
        case DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context):
            describe(context)
        default: "\(error)"
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        var text = context.debugDescription
        if let underlying = context.underlyingError as NSError?,
            let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
        {
            text += ": " + detail
        }
        let place = self.where(context)
        return place.isEmpty ? text : "\(text) at \(place)"
    }

    private static func `where`(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
