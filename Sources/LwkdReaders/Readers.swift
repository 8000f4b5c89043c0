import LwkdModel

/// The registry of input formats: one line per reader, sorted by format name.
public enum Readers {
    /// Every reader, sorted by format name.
    public static let all: [any Reader] = [
        JSONReader(),
        MarkdownReader(),
        PlainReader(),
    ]

    /// File name endings Jekyll reads as posts (its Markdown extensions), and plain text.
    public static let postFileExtensions: Set<String> = [
        "md", "markdown", "mdown", "mkd", "mkdn", "txt",
    ]

    /// The reader for a format name or alias (case-insensitive).
    public static func named(_ name: String) throws(ReadError) -> any Reader {
        let key = name.lowercased()
        if let reader = all.first(where: { $0.format == key || $0.aliases.contains(key) }) {
            return reader
        }
        throw .unknownFormat(name: name, known: all.map(\.format))
    }

    /// The reader for `text`: `name` when given, else the one ``FormatDetector`` picks.
    /// As ``forSource(_:named:)``, but a file named `*.json` is always read as the model's
    /// JSON: an error there is an error, never a plain-text post of brackets.
    public static func forSource(_ text: String, named name: String?, path: String?)
        throws(ReadError) -> any Reader
    {
        if name == nil, let path, path.lowercased().hasSuffix(".json") { return JSONReader() }
        return try forSource(text, named: name)
    }

    public static func forSource(_ text: String, named name: String?) throws(ReadError)
        -> any Reader
    {
        if let name { return try named(name) }
        let detected = FormatDetector.detect(text)
        return (try? named(detected)) ?? MarkdownReader()
    }
}
