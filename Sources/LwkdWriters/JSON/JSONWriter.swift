import Foundation
import LwkdModel

/// The model's own interchange format: versioned JSON, pretty-printed with sorted keys.
public struct JSONWriter: Writer {
    public let format = "json"
    public let aliases: [String] = []
    public let fileExtensions = ["json"]
    public let isBinary = false
    public let summary = "the document model as versioned JSON, with the post's facts"
    public var preservesSource: Bool { true }

    /// Creates the writer.
    public init() {}

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(
                FactsAndTree(document: post.document, facts: JSONFacts(post.facts)))
            return .text(String(decoding: data, as: UTF8.self) + "\n")
        } catch {
            throw .unsupported(format: format, reason: "\(error)")
        }
    }
}

/// The document with its facts beside it: `jq .facts.permalink` works, and the JSON reader
/// reads the tree back with or without them.
private struct FactsAndTree: Encodable {
    var document: Document
    var facts: JSONFacts

    enum CodingKeys: String, CodingKey { case facts }

    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(facts, forKey: .facts)
    }
}

/// The facts as JSON: ISO 8601 dates, nulls left out.
private struct JSONFacts: Encodable {
    var title: String
    var date: String?
    var dateText: String?
    var weekEnding: String?
    var slug: String
    var permalink: String?
    var id: String?
    var subject: String

    init(_ facts: PostFacts) {
        title = facts.title
        date = facts.date?.rfc3339
        dateText = facts.dateText
        weekEnding = facts.weekEnding?.isoDay
        slug = facts.slug
        permalink = facts.permalink
        id = facts.id
        subject = facts.subject
    }
}
