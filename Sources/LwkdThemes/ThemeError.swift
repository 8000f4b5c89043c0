/// Why a theme could not be loaded or rendered.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No theme of this name in any search path (and it is not a directory).
    case notFound(name: String, searched: [String])
    /// `theme.json` or another file could not be read or parsed.
    case invalidFile(path: String, reason: String)
    /// A template has a syntax error at `line`.
    case template(path: String, line: Int, reason: String)
    /// Neither the theme nor its parents have a template for this format.
    case missingTemplate(theme: String, format: String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            let places = searched.isEmpty ? "" : " (searched \(searched.joined(separator: ", ")))"
            return "unknown theme '\(name)'\(places)"
        case .invalidFile(let path, let reason):
            return "\(path): \(reason)"
        case .template(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .missingTemplate(let theme, let format):
            return "theme '\(theme)' has no template for \(format)"
        }
    }

    /// The file the error concerns, when there is one.
    public var path: String? {
        switch self {
        case .invalidFile(let path, _), .template(let path, _, _): path
        case .notFound, .missingTemplate: nil
        }
    }

    /// The 1-based line, when known.
    public var line: Int? {
        if case .template(_, let line, _) = self { return line }
        return nil
    }
}
