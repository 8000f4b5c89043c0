/// Guesses a source's format from its content, so `--from` may be omitted and Markdown posts
/// named `.txt` are still read as Markdown.
public enum FormatDetector {
    /// `json`, `markdown` or `plain`.
    public static func detect(_ text: String) -> String {
        let head = text.utf8.prefix(64 * 1024)
        guard let first = head.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else {
            return "markdown"
        }
        if first == UInt8(ascii: "{"), text.contains("\"blocks\"") { return "json" }
        if text.hasPrefix("---\n") || text.hasPrefix("---\r\n") { return "markdown" }
        return hasMarkdownSignals(String(decoding: head, as: UTF8.self)) ? "markdown" : "plain"
    }

    /// True when the text uses Markdown syntax: ATX headings, links, fences, strong emphasis or
    /// HTML.
    ///
    /// `===`/`---` underlines and `> ` quotes are not signals: plain-text posts and emails use
    /// them too, and the plain reader reads them the same way.
    static func hasMarkdownSignals(_ text: String) -> Bool {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#") {
                let hashes = trimmed.prefix { $0 == "#" }
                let rest = trimmed.dropFirst(hashes.count)
                if hashes.count <= 6, rest.isEmpty || rest.hasPrefix(" ") { return true }
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { return true }
            if trimmed.contains("](") || trimmed.contains("**") || trimmed.hasPrefix("<") {
                return true
            }
        }
        return false
    }
}
