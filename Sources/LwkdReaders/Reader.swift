import LwkdModel

/// Turns source text into a ``Document``.
///
/// Readers are pure: they never touch files, clocks or the environment; the CLI reads the
/// bytes and passes them in as a ``Source``.
public protocol Reader: Sendable {
    /// The format name used by `--from`, such as `markdown`.
    var format: String { get }
    /// Other accepted names.
    var aliases: [String] { get }
    /// One line for `--list-formats`.
    var summary: String { get }
    /// Reads a whole post.
    func read(_ source: Source, in context: ReadContext) throws(ReadError) -> Document
    /// Reads a whole post and tells where its parts came from.
    func readMapped(_ source: Source, in context: ReadContext) throws(ReadError) -> (
        Document, SourceMap
    )
}

extension Reader {
    /// A reader that knows no positions maps only the file.
    public func readMapped(_ source: Source, in context: ReadContext) throws(ReadError) -> (
        Document, SourceMap
    ) {
        (try read(source, in: context), SourceMap(file: source.path))
    }
}

/// Source text and where it came from.
public struct Source: Sendable {
    /// The decoded text.
    public var text: String
    /// The path shown in messages (`-` for stdin), if any.
    public var path: String?
    /// The file name used for Jekyll's date and slug rules, if any.
    public var fileName: String?

    /// Creates a source.
    public init(text: String, path: String? = nil, fileName: String? = nil) {
        self.text = text
        self.path = path
        self.fileName =
            fileName
            ?? path.flatMap { $0 == "-" ? nil : $0.split(separator: "/").last.map(String.init) }
    }
}

/// What every reader gets besides the source.
public struct ReadContext: Sendable {
    /// Where lossy or doubtful readings are reported.
    public var diagnostics: DiagnosticSink
    /// True when the source map should hold every syntax node (``SourceMap/outline``), as
    /// `check` needs; conversions leave it off.
    public var recordsOutline: Bool
    /// With ``recordsOutline``, which paragraphs keep their inline nodes in the outline, asked
    /// with each paragraph's source bytes; headings always keep theirs, table cells never. Nil
    /// keeps every node. The publishing guard of a conversion reads only the text of headings
    /// and of a few paragraphs, and a whole outline is as large as the model.
    public var keepsInlines: (@Sendable (ArraySlice<UInt8>) -> Bool)?

    /// Creates a context.
    public init(
        diagnostics: DiagnosticSink = DiagnosticSink(), recordsOutline: Bool = false,
        keepsInlines: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil
    ) {
        self.diagnostics = diagnostics
        self.recordsOutline = recordsOutline
        self.keepsInlines = keepsInlines
    }
}
