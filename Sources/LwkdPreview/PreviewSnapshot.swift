/// One rendering of a post for the preview page: every edition, its facts and its findings,
/// or the error that stopped it from being read.
///
/// The command builds it (it knows the writers); this module only shows and serves it, so
/// the server never depends on a writer and no conversion ever loads the server.
public struct PreviewSnapshot: Sendable {
    /// The post's file, as given on the command line.
    public var file: String
    /// The title, for the page's own title.
    public var title: String
    /// The editions, in the order shown.
    public var panes: [PreviewPane]
    /// The post's facts (title, date, permalink, id, subject), in the order shown.
    public var facts: [PreviewFact]
    /// What `check` found, and the conversion's own warnings.
    public var findings: [PreviewFinding]
    /// Why the post could not be read; the page shows it instead of the editions.
    public var failure: PreviewFinding?
    /// The source lines, for the lines each finding links to.
    public var sourceLines: [String]
    /// How long the rendering took, in milliseconds.
    public var milliseconds: Double
    /// The processor time it took on every thread, in milliseconds (the wall time rises on a
    /// busy machine; this does much less).
    public var cpuMilliseconds: Double = 0

    /// Creates a snapshot.
    public init(
        file: String, title: String, panes: [PreviewPane] = [], facts: [PreviewFact] = [],
        findings: [PreviewFinding] = [], failure: PreviewFinding? = nil,
        sourceLines: [String] = [], milliseconds: Double = 0
    ) {
        self.file = file
        self.title = title
        self.panes = panes
        self.facts = facts
        self.findings = findings
        self.failure = failure
        self.sourceLines = sourceLines
        self.milliseconds = milliseconds
    }

    /// The pane with this id.
    public func pane(_ id: String) -> PreviewPane? { panes.first { $0.id == id } }
}

/// One edition on the page.
public struct PreviewPane: Sendable {
    /// How a pane's body is shown.
    public enum Kind: Sendable, Equatable {
        /// An HTML document in frames of these widths (CSS pixels), side by side.
        case frames(widths: [Int])
        /// Text in a monospace pane, as is.
        case text
        /// Markup shown as its source (XHTML, XML).
        case source
    }

    /// The anchor and frame name: `html-email`, `plain`, `bluesky`.
    public var id: String
    /// The heading: "HTML e-mail".
    public var title: String
    /// How the body is shown.
    public var kind: Kind
    /// The output, or empty when the writer failed.
    public var body: String
    /// Counts against limits, shown under the heading (`245 / 300 graphemes`).
    public var counts: [PreviewCount]
    /// Why the writer failed, shown instead of the body.
    public var error: String?

    /// Creates a pane.
    public init(
        id: String, title: String, kind: Kind, body: String, counts: [PreviewCount] = [],
        error: String? = nil
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.body = body
        self.counts = counts
        self.error = error
    }
}

/// A count against a platform's limit.
public struct PreviewCount: Sendable, Equatable {
    /// What is counted: "graphemes", "bytes", "characters".
    public var unit: String
    /// The count.
    public var value: Int
    /// The limit.
    public var limit: Int

    /// True when the count passes the limit.
    public var isOver: Bool { value > limit }

    /// Creates a count.
    public init(unit: String, value: Int, limit: Int) {
        self.unit = unit
        self.value = value
        self.limit = limit
    }
}

/// One named fact about the post.
public struct PreviewFact: Sendable, Equatable {
    /// "Title", "Date".
    public var name: String
    /// The value as text; nil shows "none".
    public var value: String?
    /// True when the value is a URL to link.
    public var isLink: Bool

    /// Creates a fact.
    public init(name: String, value: String?, isLink: Bool = false) {
        self.name = name
        self.value = value
        self.isLink = isLink
    }
}

/// A finding of `check`, a warning of the conversion, or the error that stopped the reading,
/// at its place in the source.
public struct PreviewFinding: Sendable, Equatable {
    /// `error`, `warning` or `notice`.
    public var severity: String
    /// The message.
    public var message: String
    /// The rule's id, for `check` findings.
    public var rule: String?
    /// The 1-based source line, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?

    /// Creates a finding.
    public init(
        severity: String, message: String, rule: String? = nil, line: Int? = nil,
        column: Int? = nil
    ) {
        self.severity = severity
        self.message = message
        self.rule = rule
        self.line = line
        self.column = column
    }
}
