// libyaml's event parser, which Yams is built on (Yams does not expose its events). It never
// expands aliases and keeps its own stacks, so it is safe on any input.
import CYaml

/// Limits on front matter that Yams cannot enforce itself: it shares aliased nodes while
/// composing, but hashes alias keys in full to find duplicates, and our conversion walks every
/// expanded node; it also composes recursively. 430 bytes of nested aliases ("billion laughs")
/// expand to 10⁹ nodes, and 100,000 `[` overflow the stack.
///
/// ``check(_:)`` reads the YAML's events once, before Yams composes it, and stops at the first
/// event that passes a limit.
enum YAMLBudget {
    /// Nodes that aliases may add to the document, in all.
    static let maxAliasedNodes = 10_000
    /// Collections open at once.
    static let maxDepth = 100

    /// A limit passed, on the YAML's zero-based `line`.
    struct Exceeded: Error, Equatable {
        var line: Int
        var problem: String
    }

    /// Throws at the first event that passes a limit. Syntax errors are left to Yams, which
    /// describes them.
    static func check(_ yaml: String) throws(Exceeded) {
        var yaml = yaml
        let result = yaml.withUTF8 { bytes in Result { () throws(Exceeded) in try check(bytes) } }
        try result.get()
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(Exceeded) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        /// The expanded size of each anchored node (later anchors shadow earlier ones).
        var anchored: [String: Int] = [:]
        /// Open collections: their anchor and the expanded size of their children so far.
        var open: [(anchor: String?, size: Int)] = []
        var aliased = 0

        /// A finished node of `size` nodes joins its parent.
        func finish(_ size: Int, anchor: UnsafeMutablePointer<yaml_char_t>?) {
            if let anchor { anchored[String(cString: anchor)] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml refuses more than 1,000 levels while scanning ahead, before any event.
                if let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting")
                {
                    throw Exceeded(
                        line: Int(parser.problem_mark.line),
                        problem: "it nests deeper than \(maxDepth) levels")
                }
                return
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_SCALAR_EVENT:
                finish(1, anchor: event.data.scalar.anchor)
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams' to report.
                let size = event.data.alias.anchor.flatMap { anchored[String(cString: $0)] } ?? 1
                aliased += size
                if aliased > maxAliasedNodes {
                    throw Exceeded(
                        line: line,
                        problem: "its aliases expand to more than \(maxAliasedNodes) nodes")
                }
                finish(size, anchor: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if open.count >= maxDepth {
                    throw Exceeded(line: line, problem: "it nests deeper than \(maxDepth) levels")
                }
                let anchor =
                    event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                open.append((anchor.map { String(cString: $0) }, 0))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { continue }
                let size = 1 + closed.size
                if let anchor = closed.anchor { anchored[anchor] = size }
                if !open.isEmpty { open[open.count - 1].size += size }
            default:
                continue
            }
        }
    }
}
