/// A span of source text: 1-based lines and columns (columns count characters), end inclusive.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first line.
    public var line: Int
    /// The first column on ``line``.
    public var column: Int
    /// The last line.
    public var endLine: Int
    /// The last column on ``endLine``.
    public var endColumn: Int

    /// Creates a range.
    public init(line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn ?? column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// Where a document's parts came from in its source file.
///
/// Readers return it beside the ``Document``; the model itself carries no positions, so two
/// documents are equal when their structure is (the round-trip tests compare them). Links,
/// images and raw HTML are keyed by the text the model holds (destination, source, markup),
/// each with its occurrences in document order, so a writer that meets the second link to one
/// URL asks for occurrence 1.
public struct SourceMap: Hashable, Sendable {
    /// The path shown in messages (`-` for standard input), if any.
    public var file: String?
    /// The line of each front matter key (the title line of a plain-text post is `title`).
    public var metaLines: [String: Int]
    /// The line the front matter (or, without one, the text) starts on.
    public var headerLine: Int
    /// True when the post's facts came from a plain-text header (a title line, a date line)
    /// instead of front matter, so messages speak of lines, not keys.
    public var isPlainHeader: Bool = false
    /// Each top-level block, in order.
    public var blocks: [SourceRange]
    /// Links by destination, in document order.
    public var links: [String: [SourceRange]]
    /// Images by source, in document order.
    public var images: [String: [SourceRange]]
    /// Raw HTML blocks and inlines by their markup, in document order.
    public var rawHTML: [String: [SourceRange]]
    /// Every syntax node with its range, when the reader was asked for them
    /// (``ReadContext/recordsOutline``); empty otherwise, and for plain-text posts.
    public var outline: [SyntaxNode] = []

    /// Creates a map; an empty one knows only the file.
    public init(
        file: String? = nil, metaLines: [String: Int] = [:], headerLine: Int = 1,
        isPlainHeader: Bool = false, blocks: [SourceRange] = [], links: [String: [SourceRange]] = [:],
        images: [String: [SourceRange]] = [:], rawHTML: [String: [SourceRange]] = [:]
    ) {
        self.file = file
        self.metaLines = metaLines
        self.headerLine = headerLine
        self.isPlainHeader = isPlainHeader
        self.blocks = blocks
        self.links = links
        self.images = images
        self.rawHTML = rawHTML
    }

    /// The range of the `occurrence`-th link (0-based) to `destination`, if known.
    public func link(_ destination: String, occurrence: Int = 0) -> SourceRange? {
        Self.pick(links[destination], occurrence)
    }

    /// The range of the `occurrence`-th image with `source`, if known.
    public func image(_ source: String, occurrence: Int = 0) -> SourceRange? {
        Self.pick(images[source], occurrence)
    }

    /// The range of the `occurrence`-th raw HTML node with this markup, if known.
    public func raw(_ html: String, occurrence: Int = 0) -> SourceRange? {
        Self.pick(rawHTML[html], occurrence)
    }

    /// The range of a front matter key's line, if the key was written.
    public func meta(_ key: String) -> SourceRange? {
        metaLines[key].map { SourceRange(line: $0, column: 1) }
    }

    private static func pick(_ ranges: [SourceRange]?, _ occurrence: Int) -> SourceRange? {
        guard let ranges, !ranges.isEmpty else { return nil }
        return ranges[min(max(0, occurrence), ranges.count - 1)]
    }
}

/// Counts how often each key was met, so a walk in document order can ask a ``SourceMap`` for
/// the right occurrence.
public struct OccurrenceCounter: Sendable {
    private var counts: [String: Int] = [:]

    /// Creates an empty counter.
    public init() {}

    /// The number of earlier meetings of `key` (0 the first time), counting this one.
    public mutating func next(_ key: String) -> Int {
        let n = counts[key, default: 0]
        counts[key] = n + 1
        return n
    }
}
