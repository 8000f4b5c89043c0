#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
import LwkdModel
import LwkdReaders

/// A post as `check` sees it: its bytes by line, its model and facts, and its syntax outline.
public struct CheckedPost: Sendable {
    /// The path shown in findings.
    public let path: String
    /// The source bytes (UTF-8).
    public let bytes: [UInt8]
    /// The byte offset where each line starts (index 0 is line 1).
    public let lineStarts: [Int]
    /// The post read as every command reads it, with ``SourceMap/outline`` recorded.
    public let post: Post
    /// True for Markdown (the outline and the Markdown rules apply); false for plain text.
    public let isMarkdown: Bool
    /// The last line of the front matter's closing `---`, or 0 without front matter.
    public let frontMatterEnd: Int
    /// Byte offsets to columns in constant time.
    let columns: ColumnIndex
    /// Lines inside code blocks, where no rule and no directive looks.
    let codeLines: Set<Int>
    /// Lines inside HTML blocks, where text rules do not look.
    let htmlLines: Set<Int>

    /// Reads a post from its file's bytes with the readers every command uses, recording the
    /// syntax outline; a byte-order mark is dropped (``path`` positions count without it).
    public static func read(
        _ raw: [UInt8], path: String, format: String? = nil, site: Site = .lwkd
    ) throws(ReadError) -> CheckedPost {
        let text = try SourceDecoder.decode(raw, path: path)
        let reader = try Readers.forSource(text, named: format, path: path)
        let sink = DiagnosticSink()
        let (document, map) = try reader.readMapped(
            Source(text: text, path: path), in: ReadContext(diagnostics: sink, recordsOutline: true))
        let post = Post(document: document, sourceMap: map, site: site, diagnostics: sink)
        return CheckedPost(path: path, bytes: Array(text.utf8), post: post, reader: reader)
    }

    /// Wraps a post `reader` read from `bytes`.
    public init(path: String, bytes: [UInt8], post: Post, reader: any Reader) {
        self.init(path: path, bytes: bytes, post: post, isMarkdown: reader is MarkdownReader)
    }

    /// Wraps a post read from `bytes`.
    public init(path: String, bytes: [UInt8], post: Post, isMarkdown: Bool) {
        self.path = path
        self.bytes = bytes
        self.post = post
        self.isMarkdown = isMarkdown
        let starts = LineStarts.of(bytes, includingEnd: false)
        self.lineStarts = starts
        self.columns = ColumnIndex(bytes)
        var end = 0
        if isMarkdown, Self.isFence(bytes, starts, 0) {
            end = (1..<starts.count).first { Self.isFence(bytes, starts, $0) }.map { $0 + 1 } ?? 0
        }
        self.frontMatterEnd = end
        var code = Set<Int>()
        var html = Set<Int>()
        for node in post.sourceMap.outline
        where node.kind == .codeBlock || node.kind == .htmlBlock {
            var last = node.range.endLine
            // cmark ends a block that runs to the end of the file one line past it.
            if last > starts.count { last = starts.count }
            guard last >= node.range.line else { continue }
            if node.kind == .codeBlock {
                code.formUnion(node.range.line...last)
            } else {
                html.formUnion(node.range.line...last)
            }
        }
        self.codeLines = code
        self.htmlLines = html
    }

    private static func isFence(_ bytes: [UInt8], _ starts: [Int], _ index: Int) -> Bool {
        var i = starts[index]
        var dashes = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            dashes += 1
            i += 1
        }
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 { i += 1 }
        return dashes == 3 && (i == bytes.count || bytes[i] == 10)
    }

    /// The number of lines.
    public var lineCount: Int { bytes.isEmpty ? 0 : lineStarts.count }

    /// The post's facts.
    public var facts: PostFacts { post.facts }

    /// The syntax outline (empty for plain text).
    public var outline: [SyntaxNode] { post.sourceMap.outline }

    /// Line `n` (1-based) without its line ending.
    public func line(_ n: Int) -> ArraySlice<UInt8> {
        guard n >= 1, n <= lineStarts.count else { return [] }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] : bytes.count
        if end > start, bytes[end - 1] == 10 { end -= 1 }
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return bytes[start..<end]
    }

    /// Line `n` as text.
    public func text(ofLine n: Int) -> String { String(decoding: line(n), as: UTF8.self) }

    /// The byte range of line `n` including its line ending.
    public func fullLine(_ n: Int) -> Range<Int> {
        let start = lineStarts[n - 1]
        let end = n < lineStarts.count ? lineStarts[n] : bytes.count
        return start..<end
    }

    /// True when line `n` is in a code or HTML block, or in the front matter.
    func isVerbatim(_ n: Int) -> Bool {
        n <= frontMatterEnd || codeLines.contains(n) || htmlLines.contains(n)
    }

    /// True when line `n` holds only white space.
    func isBlank(_ n: Int) -> Bool { line(n).allSatisfy { $0 == 32 || $0 == 9 } }

    // MARK: - Positions

    /// The 1-based line holding byte `offset`.
    func lineNumber(ofByte offset: Int) -> Int {
        lineStarts.lineNumber(ofOffset: offset)
    }

    /// The 1-based character column of byte `offset` on its line.
    func column(ofByte offset: Int) -> Int {
        let start = lineStarts[lineNumber(ofByte: offset) - 1]
        return columns.scalars(before: offset, in: bytes) - columns.scalars(before: start, in: bytes)
            + 1
    }

    /// The byte offset of a 1-based line and character column (clamped to the line).
    func byteOffset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        let slice = self.line(line)
        let first = columns.scalars(before: slice.startIndex, in: bytes)
        return columns.offset(
            ofScalar: first + max(1, column) - 1, in: slice.startIndex..<slice.endIndex, of: bytes)
    }

    /// The source range of bytes `start..<end` (end exclusive; an empty span is one column).
    func range(bytes start: Int, _ end: Int) -> SourceRange {
        let last = max(start, end - 1)
        let endLine = lineNumber(ofByte: last)
        var endColumn = column(ofByte: last)
        if end <= start { endColumn = column(ofByte: start) }
        return SourceRange(
            line: lineNumber(ofByte: start), column: column(ofByte: start), endLine: endLine,
            endColumn: endColumn)
    }

    /// The byte span of an outline node (its end column inclusive).
    func span(of node: SyntaxNode) -> Range<Int> {
        let start = byteOffset(line: node.range.line, column: node.range.column)
        var end = byteOffset(line: node.range.endLine, column: node.range.endColumn)
        if end < bytes.count { end += 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return start..<max(start, end)
    }

    /// Where the text of a text node starts in the file: its own column when the source holds
    /// the literal there, else the first place on its line that does, else its column.
    func start(ofText node: SyntaxNode) -> Int {
        let at = byteOffset(line: node.range.line, column: node.range.column)
        let literal = Array(node.literal.utf8)
        if matches(literal, at: at) { return at }
        let slice = line(node.range.line)
        if let first = literal.first {
            var i = slice.startIndex
            while i < slice.endIndex {
                if bytes[i] == first, matches(literal, at: i) { return i }
                i += 1
            }
        }
        return at
    }

    /// True when the file holds `needle` anywhere.
    func contains(_ needle: [UInt8]) -> Bool { firstOffset(of: needle, in: 0..<bytes.count) != nil }

    /// The first offset of `needle` within `range`.
    func firstOffset(of needle: [UInt8], in range: Range<Int>) -> Int? {
        let range = range.clamped(to: 0..<bytes.count)
        guard let first = needle.first, range.count >= needle.count else { return nil }
        // memchr for the first byte, memcmp for the rest (issue 14: a byte-at-a-time scan of
        // the whole post per template word was a twentieth of `check`).
        return bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                guard let base = hay.baseAddress, let start = pattern.baseAddress else { return nil }
                var i = range.lowerBound
                let last = range.upperBound - pattern.count
                while i <= last {
                    guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, start, pattern.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    func matches(_ needle: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= bytes.count else { return false }
        for (k, b) in needle.enumerated() where bytes[offset + k] != b { return false }
        return true
    }

    /// The bytes of a front matter key's value on its line: inside its quotes, or without
    /// a trailing `# comment`; nil when the key has no value on its line.
    public func valueSpan(of key: String) -> Range<Int>? {
        guard frontMatterEnd > 0, let line = post.sourceMap.metaLines[key], line <= frontMatterEnd
        else { return nil }
        let slice = self.line(line)
        let keyBytes = Array((key + ":").utf8)
        guard slice.count >= keyBytes.count, Array(slice.prefix(keyBytes.count)) == keyBytes
        else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        var start = slice.startIndex + keyBytes.count
        while start < slice.endIndex, isSpace(bytes[start]) { start += 1 }
        guard start < slice.endIndex else { return nil }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var end = start + 1
            while end < slice.endIndex, bytes[end] != quote { end += bytes[end] == 92 ? 2 : 1 }
            return end > start + 1 && end < slice.endIndex ? (start + 1)..<end : nil
        }
        // A comment starts at a `#` after white space.
        var end = start
        while end < slice.endIndex, !(bytes[end] == UInt8(ascii: "#") && isSpace(bytes[end - 1])) {
            end += 1
        }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return end > start ? start..<end : nil
    }
}
