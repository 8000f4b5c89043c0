import Foundation
import LwkdModel
import ZIPFoundation

/// What `lwkdconv preview` shows of each edition, in order, so the command names no format:
/// each edition's writer and how a reader meets its output (a page in a frame, text, markup),
/// and which part of the output matters (the EPUB's chapter, the feed's entry, each
/// announcement with its counts).
public struct PreviewEdition: Sendable {
    /// How the output is shown.
    public enum Display: Sendable, Equatable {
        /// An HTML page in frames this wide (CSS pixels), side by side.
        case page(widths: [Int])
        /// Text as is, in a monospace pane.
        case text
        /// Markup shown as its source.
        case markup
    }

    /// The pane's anchor: `html-email`, `plain`.
    public var id: String
    /// The heading: "HTML e-mail".
    public var title: String
    /// The writer, before the command line's options are applied.
    public var writer: any Writer
    /// How the output is shown.
    public var display: Display
    /// The panes of the edition: one for most, one per platform for the announcements.
    public var parts: @Sendable (any Writer, Post, WriteContext) throws -> [PreviewPart]

    /// One edition.
    public init(
        id: String, title: String, writer: any Writer, display: Display,
        parts: (@Sendable (any Writer, Post, WriteContext) throws -> [PreviewPart])? = nil
    ) {
        self.id = id
        self.title = title
        self.writer = writer
        self.display = display
        self.parts =
            parts ?? { writer, post, context in
                [
                    PreviewPart(
                        id: id, title: title, body: try PreviewEdition.text(writer, post, context))
                ]
            }
    }

    /// The writer's output for `post` as text.
    public static func text(_ writer: any Writer, _ post: Post, _ context: WriteContext) throws
        -> String
    {
        String(decoding: try writer.write(post, in: context).bytes, as: UTF8.self)
    }
}

/// One pane of an edition.
public struct PreviewPart: Sendable, Equatable {
    /// The pane's anchor.
    public var id: String
    /// Its heading.
    public var title: String
    /// What is shown.
    public var body: String
    /// Counts against the platform's limits: unit, count, limit.
    public var counts: [Count]

    /// A count against a limit.
    public struct Count: Sendable, Equatable {
        /// "graphemes", "bytes", "characters".
        public var unit: String
        /// The count.
        public var value: Int
        /// The limit.
        public var limit: Int
    }

    /// Creates a part.
    public init(id: String, title: String, body: String, counts: [Count] = []) {
        self.id = id
        self.title = title
        self.body = body
        self.counts = counts
    }
}

extension Writers {
    /// The editions `preview` shows, in order.
    public static let previewEditions: [PreviewEdition] = [
        PreviewEdition(
            id: "html-email", title: "HTML e-mail", writer: HTMLEmailWriter(),
            display: .page(widths: [600, 375])),
        PreviewEdition(
            id: "web", title: "Web page", writer: HTMLWriter(), display: .page(widths: [820])),
        PreviewEdition(id: "plain", title: "Plain text", writer: PlainTextWriter(), display: .text),
        PreviewEdition(
            id: "social", title: "Announcements", writer: SocialWriter(), display: .text,
            parts: { writer, post, context in
                guard let social = writer as? SocialWriter else { return [] }
                return social.announcements(for: post, in: context).map(PreviewEdition.part)
            }),
        PreviewEdition(
            id: "epub", title: "EPUB chapter (XHTML)", writer: EPUBWriter(), display: .markup,
            parts: { writer, post, context in
                [
                    PreviewPart(
                        id: "epub", title: "EPUB chapter (XHTML)",
                        body: try PreviewEdition.chapter(
                            of: try writer.write(post, in: context).bytes))
                ]
            }),
        PreviewEdition(
            id: "atom", title: "Atom entry", writer: AtomWriter(), display: .markup,
            parts: { writer, post, context in
                [
                    PreviewPart(
                        id: "atom", title: "Atom entry",
                        body: PreviewEdition.entry(
                            of: try PreviewEdition.text(writer, post, context)))
                ]
            }),
    ]
}

extension PreviewEdition {
    /// An announcement's pane, with its counts as its platform counts them.
    static func part(_ announcement: SocialAnnouncement) -> PreviewPart {
        let text = announcement.text
        let counts: [PreviewPart.Count] =
            switch announcement.platform {
            case .bluesky:
                [
                    .init(
                        unit: "graphemes", value: BlueskyCount.graphemes(text),
                        limit: BlueskyCount.maxGraphemes),
                    .init(
                        unit: "bytes", value: BlueskyCount.bytes(text), limit: BlueskyCount.maxBytes
                    ),
                ]
            case .mastodon:
                [
                    .init(
                        unit: "characters", value: MastodonCount.characters(text),
                        limit: MastodonCount.maxCharacters)
                ]
            }
        return PreviewPart(
            id: announcement.platform.rawValue, title: announcement.platform.displayName,
            body: text,
            counts: counts)
    }

    /// The post's chapter of an EPUB, read back from the zip.
    static func chapter(of epub: [UInt8]) throws -> String {
        let archive = try Archive(data: Data(epub), accessMode: .read)
        for entry in archive
        where entry.path.hasSuffix(".xhtml") && !entry.path.hasSuffix("/nav.xhtml")
            && !entry.path.hasSuffix("/titlepage.xhtml")
        {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        throw WriteError.unsupported(format: "epub", reason: "the book has no chapter")
    }

    /// The `<entry>` element of a one-entry feed, with its indentation (the whole feed when it
    /// has none).
    static func entry(of feed: String) -> String {
        guard let start = feed.range(of: "<entry"), let end = feed.range(of: "</entry>") else {
            return feed
        }
        var from = start.lowerBound
        while from > feed.startIndex, feed[feed.index(before: from)] == " " {
            from = feed.index(before: from)
        }
        return String(feed[from..<end.upperBound]) + "\n"
    }
}
