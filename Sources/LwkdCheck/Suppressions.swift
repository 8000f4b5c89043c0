/// The post's own `<!-- lwkdconv-disable RULE… -->`, `<!-- lwkdconv-enable RULE… -->` and
/// `<!-- lwkdconv-disable-next-line RULE… -->` comments, spelled as markdownlint spells its own.
/// With no rule named, a comment concerns every rule.
struct Suppressions {
    /// For each line that some comment affects, the rules off there (`*` is every rule).
    private var off: [Int: Set<String>] = [:]

    init(_ post: CheckedPost) {
        var current = Set<String>()
        var nextLine: [Int: Set<String>] = [:]
        guard post.lineCount > 0, post.contains(Array("lwkdconv-".utf8)) else { return }
        for n in 1...post.lineCount {
            let isCode = post.codeLines.contains(n) || n <= post.frontMatterEnd
            var lineOff = current
            if !isCode {
                for (verb, rules) in Self.directives(in: post.text(ofLine: n)) {
                    let names = rules.isEmpty ? ["*"] : rules
                    switch verb {
                    case "disable":
                        current.formUnion(names)
                        lineOff.formUnion(names)
                    case "enable":
                        if rules.isEmpty { current = [] } else { current.subtract(names) }
                    case "disable-next-line":
                        nextLine[n + 1, default: []].formUnion(names)
                    default: break
                    }
                }
            }
            lineOff.formUnion(nextLine[n] ?? [])
            if !lineOff.isEmpty { off[n] = lineOff }
        }
    }

    /// True when `rule` is switched off at `line`.
    func isOff(_ rule: String, at line: Int) -> Bool {
        guard let rules = off[line] else { return false }
        return rules.contains("*") || rules.contains(rule)
    }

    /// The `lwkdconv-…` comments on a line: their verb and the rules they name.
    static func directives(in line: String) -> [(String, [String])] {
        var out: [(String, [String])] = []
        var rest = Substring(line)
        while let open = rest.range(of: "<!--") {
            guard let close = rest[open.upperBound...].range(of: "-->") else { break }
            let words = rest[open.upperBound..<close.lowerBound].split(whereSeparator: {
                $0 == " " || $0 == "\t"
            })
            if let first = words.first, first.hasPrefix("lwkdconv-") {
                let verb = String(first.dropFirst("lwkdconv-".count))
                out.append((verb, words.dropFirst().map(String.init)))
            }
            rest = rest[close.upperBound...]
        }
        return out
    }
}
