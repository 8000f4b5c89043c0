import LwkdModel

/// The registry of output formats: one line per writer, sorted by format name.
///
/// Adding a format costs one folder under `LwkdWriters/` and one line here.
public enum Writers {
    /// Every writer, sorted by format name.
    public static let all: [any Writer] = [
        AtomWriter(),
        EMLWriter(),
        HTMLWriter(),
        HTMLEmailWriter(),
        JSONWriter(),
        MarkdownWriter(),
        PlainTextWriter(),
    ]

    /// The writer for a format name or alias (case-insensitive).
    public static func named(_ name: String) throws(WriteError) -> any Writer {
        let key = name.lowercased()
        if let writer = all.first(where: { $0.format == key || $0.aliases.contains(key) }) {
            return writer
        }
        throw .unknownFormat(name: name, known: all.map(\.format))
    }

    /// The writer whose file extension is `ext`, if any (for `-o out.epub`).
    public static func forExtension(_ ext: String) -> (any Writer)? {
        let key = ext.lowercased()
        return all.first { $0.fileExtension == key } ?? all.first { $0.aliases.contains(key) }
    }
}
