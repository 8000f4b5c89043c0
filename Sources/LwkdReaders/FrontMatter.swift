import LwkdModel
import Yams

/// Jekyll front matter: a YAML block between `---` lines at the very top of a post.
enum FrontMatter {
    /// The parsed entries, whether a block was present, the body text after it and the number
    /// of lines the block took (so body line numbers can be mapped back to the file).
    struct Split {
        var entries: [MetaEntry]
        var isPresent: Bool
        var body: Substring
        var bodyLineOffset: Int
        /// The file line of each top-level key.
        var keyLines: [String: Int] = [:]
    }

    static func split(_ text: String, path: String) throws(ReadError) -> Split {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") || text == "---" else {
            return Split(entries: [], isPresent: false, body: text[...], bodyLineOffset: 0)
        }
        var lineNumber = 1
        var index = text.utf8.firstIndex(of: 10).map { text.utf8.index(after: $0) } ?? text.endIndex
        let yamlStart = index
        while index < text.endIndex {
            let lineEnd = text.utf8[index...].firstIndex(of: 10) ?? text.endIndex
            lineNumber += 1
            var line = text[index..<lineEnd]
            if line.hasSuffix("\r") { line = line.dropLast() }
            var trailing = line
            while trailing.last == " " || trailing.last == "\t" { trailing = trailing.dropLast() }
            if trailing == "---" || trailing == "..." {
                let yaml = String(text[yamlStart..<index])
                let next = lineEnd < text.endIndex ? text.utf8.index(after: lineEnd) : text.endIndex
                let (entries, keyLines) = try parse(yaml, path: path)
                return Split(
                    entries: entries, isPresent: true, body: text[next...],
                    bodyLineOffset: lineNumber, keyLines: keyLines)
            }
            index = lineEnd < text.endIndex ? text.utf8.index(after: lineEnd) : text.endIndex
        }
        throw .unterminatedFrontMatter(path: path, line: 1)
    }

    /// Yams' default resolver compiles a dozen ICU regular expressions on first use (several
    /// milliseconds per process); scalars are resolved by ``YAMLScalar`` instead, so parse with
    /// the rule-less `.basic` resolver.
    nonisolated(unsafe) static let implicitTag = Tag(.implicit, .basic)

    /// The entries and the file line of each key (the YAML starts on the file's line 2).
    static func parse(_ yaml: String, path: String) throws(ReadError) -> (
        [MetaEntry], [String: Int]
    ) {
        do {
            try YAMLBudget.check(yaml)
        } catch {
            throw .frontMatterRefused(path: path, line: error.line + 2, problem: error.problem)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            let (line, problem) = describe(error)
            throw .invalidFrontMatter(path: path, line: line + 1, problem: problem)
        } catch {
            throw .invalidFrontMatter(path: path, line: 2, problem: "\(error)")
        }
        guard let node else { return ([], [:]) }
        guard case .mapping(let mapping) = node else {
            throw .invalidFrontMatter(
                path: path, line: (node.mark?.line ?? 1) + 1, problem: "expected key: value pairs")
        }
        var entries: [MetaEntry] = []
        var lines: [String: Int] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                throw .invalidFrontMatter(
                    path: path, line: (key.mark?.line ?? 1) + 1, problem: "keys must be plain text")
            }
            entries.append(MetaEntry(key: k.string, value: convert(value)))
            if lines[k.string] == nil { lines[k.string] = (key.mark?.line ?? 0) + 1 }
        }
        return (entries, lines)
    }

    static func convert(_ node: Node) -> MetaValue {
        switch node {
        case .scalar(let scalar):
            // Quoted and block scalars are strings; plain ones resolve as YAML 1.1 does.
            guard scalar.style == .plain || scalar.style == .any else {
                return .string(value: scalar.string)
            }
            guard scalar.tag == FrontMatter.implicitTag else {
                return .string(value: scalar.string)
            }
            return YAMLScalar.resolve(plain: scalar.string)
        case .sequence(let sequence):
            return .list(items: sequence.map(convert))
        case .mapping(let mapping):
            return .map(
                entries: mapping.map {
                    MetaEntry(key: $0.key.string ?? "", value: convert($0.value))
                })
        case .alias:
            return .null
        }
    }

    private static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
            return (mark.line, text.joined(separator: ": "))
        case .reader(let problem, _, _, _):
            return (1, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams' own text is six lines with the whole YAML; one line says it.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return (
                context.mark.line,
                "key \(keys) appears more than once (first here); keep one"
            )
        default:
            return (1, "\(error)")
        }
    }
}
