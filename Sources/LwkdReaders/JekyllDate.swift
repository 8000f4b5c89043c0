import LwkdModel

/// The date Jekyll publishes a post under, read from its front matter or file name alone,
/// without parsing the Markdown body: how a digest picks a year's posts out of a whole archive
/// before parsing any of them.
public enum JekyllDate {
    /// The post's date when the front matter's `date:` or, without one, the file name's
    /// `YYYY-MM-DD-` prefix settles it; nil when only reading the whole post can tell (not
    /// Markdown with front matter, a `date:` that is no date, no date at all, a front matter
    /// that does not parse; reading the post then reports the problem).
    public static func peek(_ text: String, path: String, format: String?) -> PostDate? {
        guard let reader = try? Readers.forSource(text, named: format, path: path),
            reader is MarkdownReader
        else { return nil }
        let fileName = Source(text: "", path: path).fileName
        switch quickDate(text) {
        case .date(let date): return date
        case .none: return fileName.map(FileName.stem).flatMap(FileName.datePrefix(of:))
        case .needsYAML: break
        }
        guard let front = try? FrontMatter.split(text, path: path) else { return nil }
        let meta = Meta(entries: front.entries, hasFrontMatter: front.isPresent, fileName: fileName)
        if let value = meta["date"] {
            guard let written = value.plainText.map(Text.collapsed), !written.isEmpty else {
                return nil
            }
            return PostDate(parsing: written) ?? PostDate(parsingAsJekyll: written)
        }
        return fileName.map(FileName.stem).flatMap(FileName.datePrefix(of:))
    }

    private enum Quick {
        case date(PostDate)
        /// The front matter has no `date` at all.
        case none
        case needsYAML
    }

    /// The common case without a YAML parser: one plain `date: 2022-06-07 04:52:00 -0000`
    /// line at the top level of the front matter, or no `date` anywhere in it. Anything else
    /// (quotes, block scalars, flow mappings, a date that does not parse) goes to YAML.
    private static func quickDate(_ text: String) -> Quick {
        guard text.hasPrefix("---\n") else { return .needsYAML }
        var found: Substring?
        var sawDate = false
        // Line by line up to the closing fence only: a digest peeks at every post of a site.
        var rest = text.dropFirst(4)
        while !rest.isEmpty {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            let line = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.utf8.index(after: end)...] : rest[end...]
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed == "---" || trimmed == "..." {
                guard sawDate else { return .none }
                guard let found else { return .needsYAML }
                let value = Text.collapsed(String(found))
                guard let date = PostDate(parsing: value) ?? PostDate(parsingAsJekyll: value)
                else { return .needsYAML }
                return .date(date)
            }
            if trimmed.contains("date") { sawDate = true }
            if trimmed.hasPrefix("date:") {
                guard found == nil else { return .needsYAML }
                found = trimmed.dropFirst("date:".count)
            }
        }
        return .needsYAML
    }
}
