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
            throw .invalidJSON(path: path, problem: Self.problem(error))
        }
        guard document.version.major == ModelVersion.current.major else {
            throw unsupported(document.version)
        }
        return document
    }

    private static func problem(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): describe(context)
        case DecodingError.keyNotFound(let key, let context):
            "missing '\(key.stringValue)' at \(Self.where(context))"
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
