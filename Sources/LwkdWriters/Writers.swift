import LwkdModel

/// The registry of output formats: one line per writer, sorted by format name.
///
/// Adding a format costs one folder under `LwkdWriters/` and one line here.
public enum Writers {
    /// Every writer, sorted by format name.
    public static let all: [any Writer] = [
        AtomWriter(),
        ButtondownWriter(),
        EMLWriter(),
        EPUBWriter(),
        HTMLWriter(),
        HTMLEmailWriter(),
        JSONWriter(),
        MarkdownWriter(),
        PlainTextWriter(),
        SocialWriter(),
    ]

    /// Every format name, for messages.
    public static var names: [String] { all.map(\.format) }

    /// The writer for a format name or alias (case-insensitive).
    public static func named(_ name: String) throws(WriteError) -> any Writer {
        let key = name.lowercased()
        if let writer = all.first(where: { $0.format == key || $0.aliases.contains(key) }) {
            return writer
        }
        throw .unknownFormat(name: name, known: names)
    }

    /// The writer whose usual file name ending `path` has (`post.email.html` is an HTML
    /// e-mail, `feed.atom` Atom), the longest ending winning; nil when none matches.
    public static func forFileName(_ path: String) -> (any Writer)? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        var best: (writer: any Writer, length: Int)?
        for writer in all {
            for ext in writer.fileExtensions where name.hasSuffix("." + ext) {
                if ext.count > (best?.length ?? 0) { best = (writer, ext.count) }
            }
        }
        return best?.writer
    }

    /// The writer `send` delivers with: the one whose output is a whole e-mail message.
    public static var mailMessage: any Writer {
        all.first(where: \.isMailMessage) ?? EMLWriter()
    }

    /// The writer `send --buttondown` takes the body from.
    public static var newsletterBody: any Writer {
        all.first(where: \.isNewsletterBody) ?? ButtondownWriter()
    }

    /// The writer `feed` uses: the one that makes site feeds.
    public static var feed: any Writer { all.first(where: \.isFeed) ?? AtomWriter() }
}
