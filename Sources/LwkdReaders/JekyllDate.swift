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
            reader is MarkdownReader,
            let front = try? FrontMatter.split(text, path: path)
        else { return nil }
        let fileName = Source(text: "", path: path).fileName
        let meta = Meta(entries: front.entries, hasFrontMatter: front.isPresent, fileName: fileName)
        if let value = meta["date"] {
            guard let written = value.plainText.map(Text.collapsed), !written.isEmpty else {
                return nil
            }
            return PostDate(parsing: written) ?? PostDate(parsingAsJekyll: written)
        }
        return fileName.map(FileName.stem).flatMap(FileName.datePrefix(of:))
    }
}
