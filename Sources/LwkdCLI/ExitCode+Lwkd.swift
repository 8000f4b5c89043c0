import LwkdModel

/// Every exit code lwkdconv uses, in one table (also printed by `--help`).
public enum LwkdExitCode: Int32, CaseIterable, Sendable {
    /// Success.
    case success = 0
    /// `check` (or the check `send` runs first) found at least one error.
    case errorsFound = 1
    /// Warnings were reported and `--strict` was given.
    case strictWarnings = 3
    /// Unknown `--to` or `--from` format.
    case unknownFormat = 4
    /// A theme or template problem.
    case theme = 5
    /// The input could not be read or parsed.
    case unreadableInput = 6
    /// The output could not be written.
    case outputNotWritten = 7
    /// Some messages failed to send.
    case sendFailed = 8
    /// Wrong command-line usage.
    case usage = 64

    /// What the code means, for the help text.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .errorsFound: "check found errors (send refuses such a post)"
        case .strictWarnings: "warnings under --strict"
        case .unknownFormat: "unknown --to/--from format"
        case .theme: "theme or template error"
        case .unreadableInput: "input missing, unreadable or invalid"
        case .outputNotWritten: "output not written"
        case .sendFailed: "some recipients failed (send)"
        case .usage: "usage error"
        }
    }

    /// The table, one code per line.
    public static var table: String {
        allCases.map { "  \(String($0.rawValue).padding(3))  \($0.meaning)" }.joined(
            separator: "\n")
    }
}

/// An error the CLI reports with a one-line message and a specific exit code.
public struct CLIFailure: Error, Sendable, CustomStringConvertible {
    /// The exit code.
    public var code: LwkdExitCode
    /// The one-line message.
    public var message: String

    /// Creates a failure.
    public init(_ code: LwkdExitCode, _ message: String) {
        self.code = code
        // One line, whatever input it quotes: controls are shown escaped (`\u{1B}`).
        self.message = message.escapingControls
    }

    public var description: String { message }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
