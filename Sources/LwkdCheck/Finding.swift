import LwkdModel

/// A repair `--fix` can make: replace bytes `start..<end` of the file with `replacement`.
public struct Fix: Hashable, Sendable, Codable {
    /// The first byte replaced (UTF-8 offset into the file).
    public var start: Int
    /// One past the last byte replaced.
    public var end: Int
    /// What goes there instead.
    public var replacement: String
    /// What the repair does, for the report (`remove the extra parentheses`).
    public var summary: String

    /// Creates a fix.
    public init(start: Int, end: Int, replacement: String, summary: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
        self.summary = summary
    }
}

/// One thing wrong in one post, at its exact place.
public struct Finding: Hashable, Sendable {
    /// The post's path as given.
    public var file: String
    /// The exact span: 1-based lines and character columns, end inclusive.
    public var range: SourceRange
    /// The rule's id.
    public var rule: String
    /// The severity after configuration.
    public var severity: Severity
    /// What is wrong and what to do, one line.
    public var message: String
    /// The mechanical repair, when there is one.
    public var fix: Fix?

    /// Creates a finding.
    public init(
        file: String, range: SourceRange, rule: String, severity: Severity, message: String,
        fix: Fix? = nil
    ) {
        self.file = file
        self.range = range
        self.rule = rule
        self.severity = severity
        self.message = message
        self.fix = fix
    }

    /// `file:line:col: severity: message [rule]`.
    public var line: String {
        "\(file):\(range.line):\(range.column): \(severity.rawValue): \(message) [\(rule)]"
    }
}
