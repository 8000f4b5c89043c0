/// An inline node.
///
/// Closed on purpose, like ``Block``. The cases with large payloads are `indirect`, so an
/// inline in an array takes the size of a string, not of a ``Link`` (a paragraph of 200,000
/// bare addresses, issue 15).
public enum Inline: Hashable, Codable, Sendable {
    /// Literal text (entities already decoded).
    case text(text: String)
    /// `*emphasis*`
    case emphasis(content: [Inline])
    /// `**strong**`
    case strong(content: [Inline])
    /// `~~strikethrough~~` (GFM)
    case strikethrough(content: [Inline])
    /// `` `code` ``
    case code(text: String)
    /// A link; `kind` records an autolink so Markdown can round-trip.
    indirect case link(link: Link, content: [Inline])
    /// An image; its content is the alt text.
    indirect case image(image: Image, content: [Inline])
    /// A line break inside a paragraph that a renderer may turn into a space.
    case softBreak
    /// A forced line break.
    case hardBreak
    /// Raw inline markup in another format, kept verbatim.
    indirect case rawInline(format: String, text: String)
}

/// A link's target.
public struct Link: Hashable, Codable, Sendable {
    /// The destination URL, as written (not resolved).
    public var destination: String
    /// The title, or empty.
    public var title: String
    /// How the link was written.
    public var kind: LinkKind
    /// Identifier, classes and attributes.
    public var attr: Attr

    /// Creates a link.
    public init(
        destination: String, title: String = "", kind: LinkKind = .inline, attr: Attr = Attr()
    ) {
        self.destination = destination
        self.title = title
        self.kind = kind
        self.attr = attr
    }
}

/// How a link was written in the source.
public enum LinkKind: String, Hashable, Codable, Sendable {
    /// `[text](url)` (or a reference link, which Markdown resolves to the same thing).
    case inline
    /// `<https://…>`, or a bare URL recognised by GFM's autolink extension.
    case autolink
}

/// An image's source.
public struct Image: Hashable, Codable, Sendable {
    /// The image URL, as written.
    public var source: String
    /// The title, or empty.
    public var title: String
    /// Identifier, classes and attributes.
    public var attr: Attr

    /// Creates an image.
    public init(source: String, title: String = "", attr: Attr = Attr()) {
        self.source = source
        self.title = title
        self.attr = attr
    }
}

/// Identifier, classes and key–value attributes, as in pandoc.
public struct Attr: Hashable, Codable, Sendable {
    /// The identifier, or empty.
    public var identifier: String
    /// Classes.
    public var classes: [String]
    /// Other attributes, in order.
    public var attributes: [KeyValue]

    /// Creates an attribute set; the default is empty.
    public init(identifier: String = "", classes: [String] = [], attributes: [KeyValue] = []) {
        self.identifier = identifier
        self.classes = classes
        self.attributes = attributes
    }

    /// True when nothing is set.
    public var isEmpty: Bool { identifier.isEmpty && classes.isEmpty && attributes.isEmpty }
}

/// One key–value pair.
public struct KeyValue: Hashable, Codable, Sendable {
    /// The key.
    public var key: String
    /// The value.
    public var value: String

    /// Creates a pair.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
