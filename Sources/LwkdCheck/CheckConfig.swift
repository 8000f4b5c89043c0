import LwkdModel
import Yams

/// Rule severities from `.lwkdconv.yml` and `--rule ID=off|notice|warning|error`.
public enum CheckConfig {
    /// A problem with a setting, its message naming the place.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses one `ID=SEVERITY`.
    public static func parseRule(_ text: String) throws(Problem) -> (String, Severity?) {
        guard let eq = text.firstIndex(of: "=") else {
            throw Problem(description: "--rule expects ID=off|notice|warning|error, got '\(text)'")
        }
        return try setting(String(text[..<eq]), String(text[text.index(after: eq)...]), "--rule")
    }

    /// Checks a rule id and a severity word.
    static func setting(_ id: String, _ value: String, _ place: String) throws(Problem) -> (
        String, Severity?
    ) {
        guard Rules.named(id) != nil else {
            let near = Rules.all.map(\.id).min {
                Text.editDistance($0, id) < Text.editDistance($1, id)
            }
            let hint = near.map { "; did you mean '\($0)'?" } ?? ""
            throw Problem(description: "\(place): no rule '\(id)'\(hint) (see --list-rules)")
        }
        switch value.lowercased() {
        case "off", "false", "none": return (id, nil)
        case "notice", "note", "info": return (id, .notice)
        case "warning", "warn": return (id, .warning)
        case "error": return (id, .error)
        default:
            throw Problem(
                description:
                    "\(place): rule '\(id)' set to '\(value)'; use off, notice, warning or error")
        }
    }

    /// The settings of a `.lwkdconv.yml`: `rules: {ID: SEVERITY}` (the rule ids may also stand
    /// at the top level).
    public static func parseFile(_ text: String, path: String) throws(Problem) -> [String: Severity?]
    {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let mark = (error as? YamlError).flatMap { yamlLine($0) }.map { ":\($0)" } ?? ""
            throw Problem(description: "\(path)\(mark): not valid YAML")
        }
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            throw Problem(description: "\(path):1: expected a mapping such as 'rules: {term-case: off}'")
        }
        var out: [String: Severity?] = [:]
        func read(_ pairs: Node.Mapping) throws(Problem) {
            for (key, value) in pairs {
                let line = key.mark.map { ":\($0.line)" } ?? ""
                guard let id = key.string else { continue }
                if id == "rules" {
                    guard let inner = value.mapping else {
                        throw Problem(description: "\(path)\(line): 'rules:' must be a mapping of rule ids")
                    }
                    try read(inner)
                    continue
                }
                guard let word = value.scalar?.string else {
                    throw Problem(description: "\(path)\(line): rule '\(id)' needs a severity")
                }
                let (rule, severity) = try setting(id, word, "\(path)\(line)")
                out[rule] = .some(severity)
            }
        }
        try read(mapping)
        return out
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return nil
        }
    }
}
