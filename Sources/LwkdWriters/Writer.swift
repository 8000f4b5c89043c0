import LwkdModel

/// Renders a ``Document`` in one output format.
///
/// Writers are stateless `Sendable` values; per-run state lives in a private renderer created
/// inside ``write(_:in:)``. They are pure: time, identifiers and file contents come from the
/// ``WriteContext``.
public protocol Writer: Sendable {
    /// The format name used by `--to`, such as `epub`.
    var format: String { get }
    /// Other accepted names, such as `epub3`.
    var aliases: [String] { get }
    /// The usual file extension, without the dot; `-o` with this extension selects the writer.
    var fileExtension: String { get }
    /// True when the output is binary (refused on a terminal).
    var isBinary: Bool { get }
    /// One line for `--list-formats`.
    var summary: String { get }
    /// True when the output depends on ``WriteContext/theme`` (the CLI loads a theme only then).
    var usesTheme: Bool { get }
    /// Renders the document.
    func write(_ document: Document, in context: WriteContext) throws(WriteError) -> Output
}

extension Writer {
    public var usesTheme: Bool { false }
}

/// What a writer produces.
public enum Output: Sendable, Equatable {
    /// Text, written as UTF-8.
    case text(String)
    /// Bytes (EPUB).
    case binary([UInt8])

    /// The output as bytes.
    public var bytes: [UInt8] {
        switch self {
        case .text(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        }
    }
}
