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

    /// False encodes the whole document in one JSONEncoder call, as before ``JSONSplicer``
    /// (the tests compare the two).
    let splices: Bool

    /// Creates the writer.
    public init() { splices = true }

    init(splices: Bool) { self.splices = splices }

    /// The bytes of ``write(_:in:)``, handed to `sink` about a mebibyte at a time: the JSON of
    /// a post is about ten times its Markdown, so holding all of it (and then a String of it)
    /// next to the model broke the memory bound (issue 15).
    public func write(
        _ post: Post, in context: WriteContext,
        into sink: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(WriteError) {
        let failure: (any Error)? = withoutActuallyEscaping(sink) { sink in
            var json = JSONSplicer(sink: sink)
            do {
                let facts = JSONFacts(post.facts)
                if splices {
                    try json.document(post.document, facts: facts)
                } else {
                    json.out = [UInt8](
                        try json.encoder.encode(
                            FactsAndTree(document: post.document, facts: facts)))
                }
                json.out.append(10)
                try json.flush()
                return nil
            } catch is JSONSplicer.Stopped {
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw .unsupported(format: format, reason: "\(failure)") }
    }
}

extension JSONWriter: StreamingWriter {}

/// JSONEncoder's pretty-printed, key-sorted output, built a part at a time.
///
/// Encoding the whole document at once builds Foundation's value tree of all of it next to the
/// model (2.1 GB for a 50 MB post, issue 15). Here the document is encoded with its blocks left
/// out, and each block (each inline of a paragraph) is encoded alone and spliced into the empty
/// array, indented to its depth: the same bytes, with only one block's tree alive at a time.
/// Indenting is safe because JSON strings hold no raw line feed.
struct JSONSplicer {
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    /// The output not yet handed to ``sink``, UTF-8.
    var out: [UInt8] = []
    /// Where the output goes; false stops the writing (``Stopped``).
    let sink: (UnsafeBufferPointer<UInt8>) -> Bool
    /// ``out`` is handed on after a block once it holds this many bytes.
    static var chunkSize: Int { JSONWriter.chunkSize }

    /// The sink refused more output (it could not write it): the writing ends.
    struct Stopped: Error {}

    /// Hands ``out`` to the sink and empties it.
    mutating func flush() throws {
        guard !out.isEmpty else { return }
        let accepted = out.withUnsafeBufferPointer { sink($0) }
        out.removeAll(keepingCapacity: true)
        if !accepted { throw Stopped() }
    }

    /// A paragraph with more inlines than this has them encoded one by one too.
    static let inlineSplitThreshold = 64

    fileprivate mutating func document(_ document: Document, facts: JSONFacts) throws {
        var empty = document
        empty.blocks = []
        let shell = try encoder.encode(FactsAndTree(document: empty, facts: facts))
        try splice(shell, key: "blocks", indent: 2, count: document.blocks.count) { json, i in
            try json.block(document.blocks[i], indent: 4)
        }
    }

    private mutating func block(_ block: Block, indent: Int) throws {
        if case .paragraph(let content) = block, content.count > Self.inlineSplitThreshold {
            let shell = try encoder.encode(Block.paragraph(content: []))
            try splice(shell, key: "content", indent: 4, count: content.count, at: indent) {
                json, i in
                let inline = try json.encoder.encode(content[i])
                json.append(inline, indent: indent + 6)
            }
        } else {
            try append(try encoder.encode(block), indent: indent)
        }
    }

    /// Appends `shell` (indented by `at`) with the elements `element` writes in place of its
    /// one empty array `key`, which sits at `indent` inside `shell`.
    private mutating func splice(
        _ shell: Data, key: String, indent: Int, count: Int, at: Int = 0,
        element: (inout JSONSplicer, Int) throws -> Void
    ) throws {
        let bytes = [UInt8](shell)
        let pad = [UInt8](repeating: 32, count: indent)
        let marker = Array("\"\(key)\" : [\n\n".utf8) + pad + [UInt8(ascii: "]")]
        guard count > 0, let found = bytes.firstRange(of: marker) else {
            return append(bytes, indent: at)
        }
        let open = found.lowerBound + marker.count - pad.count - 2  // after "[\n"
        append(bytes[..<open], indent: at)
        for i in 0..<count {
            if i > 0 { out += Array(",\n".utf8) }
            try element(&self, i)
            if out.count >= Self.chunkSize { try flush() }
        }
        out.append(10)
        // Past the empty line: the closing line (indent, "]") and all that follows.
        append(bytes[(open + 1)...], indent: at)
    }

    /// Appends JSON text indented by `indent` spaces on every non-empty line, the first too.
    private mutating func append(_ json: Data, indent: Int) {
        append([UInt8](json)[...], indent: indent)
    }

    private mutating func append(_ json: [UInt8], indent: Int) { append(json[...], indent: indent) }

    private mutating func append(_ json: ArraySlice<UInt8>, indent: Int) {
        let pad = [UInt8](repeating: 32, count: indent)
        var atLineStart = true
        for byte in json {
            if atLineStart, byte != 10 { out += pad }
            out.append(byte)
            atLineStart = byte == 10
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
