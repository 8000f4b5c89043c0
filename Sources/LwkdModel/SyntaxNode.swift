/// One node of a Markdown post's syntax tree with its exact source range, for tools that speak
/// about the source (`check`) rather than the model.
///
/// Readers record these only when ``SourceMap/outline`` is asked for; the nodes are kept flat,
/// in document order (a parent before its children), each naming its parent's index, so no
/// walk over them ever recurses however deep the source nests.
public struct SyntaxNode: Hashable, Sendable {
    /// What the node is.
    public enum Kind: Hashable, Sendable {
        case blockQuote, list, item, paragraph, heading, codeBlock, htmlBlock, thematicBreak
        case table, tableRow, tableCell
        case text, code, htmlInline, softBreak, lineBreak, emphasis, strong, strikethrough
        case link, image
        /// A node of an extension lwkdconv does not model.
        case other
    }

    /// What the node is.
    public var kind: Kind
    /// Where it is in the file: 1-based lines, 1-based character columns, end inclusive.
    public var range: SourceRange
    /// The index of its parent in the outline, or -1 for a top-level block.
    public var parent: Int
    /// The literal of text, code and HTML; the destination of a link or image.
    public var literal: String
    /// A heading's level; 1 for an ordered list, 0 for a bullet list; otherwise 0.
    public var level: Int
    /// True when the node has no children (an empty list item, a heading with no text).
    public var isEmpty: Bool

    /// Creates a node.
    public init(
        kind: Kind, range: SourceRange, parent: Int, literal: String = "", level: Int = 0,
        isEmpty: Bool = true
    ) {
        self.kind = kind
        self.range = range
        self.parent = parent
        self.literal = literal
        self.level = level
        self.isEmpty = isEmpty
    }
}
