import Synchronization

/// A problem found while reading or writing that did not stop the conversion.
///
/// Lossy conversions are diagnostics, not errors; the CLI prints them to stderr and `--strict`
/// turns warnings into a failure.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious it is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// For information.
        case note
        /// Something was lost or guessed.
        case warning
        /// Something is wrong, but output was still produced.
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// What is wrong, lowercase, no trailing period.
    public var message: String
    /// The file it concerns, if known.
    public var file: String?
    /// The 1-based line, if known.
    public var line: Int?
    /// The 1-based column (in characters) on ``line``, if known.
    public var column: Int?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil,
        column: Int? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = line == nil ? nil : column
    }

    /// Creates a diagnostic at a source range.
    public init(_ severity: Severity, _ message: String, file: String?, at range: SourceRange?) {
        self.init(severity, message, file: file, line: range?.line, column: range?.column)
    }

    /// `file:line:col: warning: message`, the form compilers and editors understand.
    public var description: String {
        var place = ""
        if let file {
            place = file
            if let line { place += ":\(line)" }
            if let column { place += ":\(column)" }
            place += ": "
        } else if let line {
            place = "line \(line): "
        }
        // Input quoted in a message (a link, a name) must not reach the terminal as controls.
        return "\(place.escapingControls)\(severity.rawValue): \(message.escapingControls)"
    }
}

/// A thread-safe collector of diagnostics, shared by a run's readers and writers.
public final class DiagnosticSink: Sendable {
    private struct Store {
        var items: [Diagnostic] = []
        var seen: Set<Diagnostic> = []
    }
    private let storage = Mutex(Store())

    /// Creates an empty sink.
    public init() {}

    /// Records a diagnostic; one equal to a diagnostic already recorded is dropped, so a cause
    /// met by two writers of one run (the two parts of an e-mail) is reported once.
    public func report(_ diagnostic: Diagnostic) {
        storage.withLock { store in
            if store.seen.insert(diagnostic).inserted { store.items.append(diagnostic) }
        }
    }

    /// Records a warning.
    public func warn(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil)
    {
        report(Diagnostic(.warning, message, file: file, line: line, column: column))
    }

    /// Records a warning at a source range.
    public func warn(_ message: String, file: String?, at range: SourceRange?) {
        report(Diagnostic(.warning, message, file: file, at: range))
    }

    /// Everything recorded so far, in order.
    public var all: [Diagnostic] { storage.withLock { $0.items } }

    /// Removes and returns everything recorded so far.
    public func drain() -> [Diagnostic] {
        storage.withLock { store in
            defer { store = Store() }
            return store.items
        }
    }
}
