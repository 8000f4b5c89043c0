import LwkdModel

/// Why a writer could not produce output.
public enum WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No writer of this name; `known` lists the valid ones.
    case unknownFormat(name: String, known: [String])
    /// The document cannot be expressed in this format.
    case unsupported(format: String, reason: String)
    /// A resource the output needs is missing or refused.
    case resource(path: String, reason: String)
    /// A theme or template problem, naming the file and line where known.
    case theme(path: String, line: Int?, reason: String)
    /// Something the post asks for that the output refuses (an image outside every
    /// `--resource-path`): the input's fault, told at its file and place.
    case input(file: String?, at: SourceRange?, reason: String)

    public var description: String {
        switch self {
        case .unknownFormat(let name, let known):
            return "unknown output format '\(name)' (known: \(known.joined(separator: ", ")))"
        case .unsupported(let format, let reason):
            return "cannot write \(format): \(reason)"
        case .resource(let path, let reason):
            return "\(path): \(reason)"
        case .theme(let path, let line, let reason):
            return line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
        case .input(let file, let at, let reason):
            guard let file else { return at.map { "line \($0.line): \(reason)" } ?? reason }
            return "\(file)\(at.map { ":\($0)" } ?? ""): \(reason)"
        }
    }
}
