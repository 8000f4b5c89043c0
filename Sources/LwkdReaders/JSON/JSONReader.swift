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
        do {
            let header = try decoder.decode(Header.self, from: data)
            guard header.version.major == ModelVersion.current.major else {
                throw ReadError.invalidJSON(
                    path: path,
                    problem:
                        "model version \(header.version) is not supported (this build reads \(ModelVersion.current.major).x)"
                )
            }
            return try decoder.decode(Document.self, from: data)
        } catch let error as ReadError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidJSON(path: path, problem: Self.describe(context))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidJSON(
                path: path, problem: "missing '\(key.stringValue)' at \(Self.where(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(
            _, context)
        {
            throw .invalidJSON(path: path, problem: Self.describe(context))
        } catch {
            throw .invalidJSON(path: path, problem: "\(error)")
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
