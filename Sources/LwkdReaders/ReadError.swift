/// Why a source could not be read.
///
/// Each case carries the path (`-` for stdin) and the line where known.
public enum ReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Bytes that are not UTF-8; `line` is where the first bad byte is.
    case invalidUTF8(path: String, line: Int)
    /// A binary file (it holds NUL bytes).
    case binary(path: String)
    /// The front matter opened on line 1 never closed.
    case unterminatedFrontMatter(path: String, line: Int)
    /// The front matter is not valid YAML; `line` is the file's line.
    case invalidFrontMatter(path: String, line: Int, problem: String)
    /// Valid YAML front matter that passes a limit (alias expansion, nesting); `line` is the
    /// file's line where it does.
    case frontMatterRefused(path: String, line: Int, problem: String)
    /// Text that is not JSON at all; `line` and `column` are where it breaks.
    case invalidJSONSyntax(path: String, line: Int, column: Int, problem: String)
    /// A JSON document that is not a valid model, or of another major version.
    case invalidJSON(path: String, problem: String)
    /// The input is empty or blank.
    case empty(path: String)
    /// The text has no recognisable structure for this reader.
    case unrecognised(path: String, line: Int, problem: String)
    /// No reader of this name.
    case unknownFormat(name: String, known: [String])

    public var description: String {
        switch self {
        case .invalidUTF8(let path, let line):
            return "\(path):\(line): invalid UTF-8"
        case .binary(let path):
            return "\(path): binary file (contains NUL bytes), not a text post"
        case .unterminatedFrontMatter(let path, let line):
            return "\(path):\(line): front matter starts here but has no closing '---' line"
        case .invalidFrontMatter(let path, let line, let problem):
            return "\(path):\(line): front matter is not valid YAML: \(problem)"
        case .frontMatterRefused(let path, let line, let problem):
            return "\(path):\(line): front matter refused: \(problem)"
        case .invalidJSONSyntax(let path, let line, let column, let problem):
            return "\(path):\(line):\(column): not valid JSON: \(problem)"
        case .invalidJSON(let path, let problem):
            return "\(path): not a lwkdconv JSON document: \(problem)"
        case .empty(let path):
            return "\(path): input is empty"
        case .unrecognised(let path, let line, let problem):
            return "\(path):\(line): \(problem)"
        case .unknownFormat(let name, let known):
            return "unknown input format '\(name)' (known: \(known.joined(separator: ", ")))"
        }
    }
}
