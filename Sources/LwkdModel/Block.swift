/// A block-level node.
///
/// Closed on purpose: writers switch over it exhaustively with no `default:`,
/// so a new case is a compile error in every writer.
public enum Block: Hashable, Codable, Sendable {
    /// A paragraph.
    case paragraph(content: [Inline])
    /// A heading of level 1–6; `style` records ATX or setext so Markdown can round-trip.
    case heading(level: Int, style: HeadingStyle, attr: Attr, content: [Inline])
    /// A bullet list.
    case bulletList(list: BulletList)
    /// An ordered list.
    case orderedList(list: OrderedList)
    /// A block quote.
    case blockQuote(blocks: [Block])
    /// Code: `info` is the fenced block's info string (empty for indented code).
    case codeBlock(style: CodeStyle, info: String, text: String)
    /// A thematic break (`---`).
    case thematicBreak
    /// A raw block in another format, kept verbatim (`format` is `html` for Markdown's HTML blocks).
    case rawBlock(format: String, text: String)
    /// A GFM table.
    case table(table: Table)
}

/// How a heading was written in Markdown.
public enum HeadingStyle: String, Hashable, Codable, Sendable {
    /// `## Heading`
    case atx
    /// `Heading` underlined with `===` or `---` (levels 1 and 2 only).
    case setext
}

/// How a code block was written in Markdown.
public enum CodeStyle: String, Hashable, Codable, Sendable {
    /// Between fences of backticks or tildes.
    case fenced
    /// Indented by four spaces.
    case indented
}

/// Whether list items are separated by blank lines.
public enum ListSpacing: String, Hashable, Codable, Sendable {
    /// No blank lines: items are rendered without paragraph wrappers.
    case tight
    /// Blank lines between items.
    case loose
}

/// A GFM task-list checkbox.
public enum TaskState: String, Hashable, Codable, Sendable {
    /// `[ ]`
    case unchecked
    /// `[x]`
    case checked
}

/// One list item: its blocks and, for task lists, its checkbox.
public struct ListItem: Hashable, Codable, Sendable {
    /// The checkbox, or nil for an ordinary item.
    public var task: TaskState?
    /// The item's content.
    public var blocks: [Block]

    /// Creates an item.
    public init(task: TaskState? = nil, blocks: [Block]) {
        self.task = task
        self.blocks = blocks
    }
}

/// A bullet list.
public struct BulletList: Hashable, Codable, Sendable {
    /// The marker the author used: `-`, `*` or `+`.
    public var marker: BulletMarker
    /// Tight or loose.
    public var spacing: ListSpacing
    /// The items.
    public var items: [ListItem]

    /// Creates a bullet list.
    public init(marker: BulletMarker = .dash, spacing: ListSpacing = .tight, items: [ListItem]) {
        self.marker = marker
        self.spacing = spacing
        self.items = items
    }
}

/// A bullet list marker.
public enum BulletMarker: String, Hashable, Codable, Sendable {
    /// `-`
    case dash = "-"
    /// `*`
    case star = "*"
    /// `+`
    case plus = "+"
}

/// An ordered list.
public struct OrderedList: Hashable, Codable, Sendable {
    /// The first item's number.
    public var start: Int
    /// `.` or `)` after the number.
    public var delimiter: OrderedDelimiter
    /// Tight or loose.
    public var spacing: ListSpacing
    /// The items.
    public var items: [ListItem]

    /// Creates an ordered list.
    public init(
        start: Int = 1, delimiter: OrderedDelimiter = .period, spacing: ListSpacing = .tight,
        items: [ListItem]
    ) {
        self.start = start
        self.delimiter = delimiter
        self.spacing = spacing
        self.items = items
    }
}

/// The delimiter after an ordered list number.
public enum OrderedDelimiter: String, Hashable, Codable, Sendable {
    /// `1.`
    case period = "."
    /// `1)`
    case paren = ")"
}
