/// A GFM table: a header row, alignments, and body rows of inline cells.
public struct Table: Hashable, Codable, Sendable {
    /// One alignment per column.
    public var alignments: [Alignment]
    /// The header row's cells.
    public var header: [[Inline]]
    /// Body rows; each row has the same number of cells as the header.
    public var rows: [[[Inline]]]

    /// Creates a table.
    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

/// A table column's alignment.
public enum Alignment: String, Hashable, Codable, Sendable {
    /// No colon in the delimiter row.
    case none
    /// `:---`
    case left
    /// `:---:`
    case center
    /// `---:`
    case right
}
