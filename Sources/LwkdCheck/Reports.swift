import Foundation

/// The ways `check` prints its findings.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `file:line:col: severity: message [rule]`, grouped by file, and a summary.
    case human
    /// GitHub Actions workflow commands, then the human summary.
    case github
    /// `{"version":1,"findings":[…]}`.
    case json
    /// SARIF 2.1.0 for code scanning.
    case sarif
}

/// Renders findings in each ``ReportFormat``.
public enum Report {
    /// The report of `findings` over `fileCount` files.
    public static func render(
        _ findings: [Finding], files fileCount: Int, as format: ReportFormat, color: Bool = false,
        version: String = "0"
    ) -> String {
        switch format {
        case .human: human(findings, files: fileCount, color: color)
        case .github: github(findings) + summary(findings, files: fileCount) + "\n"
        case .json: json(findings)
        case .sarif: sarif(findings, version: version)
        }
    }

    // MARK: - Human

    public static func human(_ findings: [Finding], files fileCount: Int, color: Bool) -> String {
        var out = ""
        var file: String?
        for finding in findings {
            if let file, file != finding.file { out += "\n" }
            file = finding.file
            let r = finding.range
            let severity = color ? colored(finding.severity) : finding.severity.rawValue
            let place = color ? "\u{1B}[1m\(finding.file):\(r.line):\(r.column):\u{1B}[0m"
                : "\(finding.file):\(r.line):\(r.column):"
            out += "\(place) \(severity): \(finding.message) [\(finding.rule)]\n"
        }
        if !findings.isEmpty { out += "\n" }
        return out + summary(findings, files: fileCount) + "\n"
    }

    /// `2 errors, 1 warning, 0 notices in 130 files`.
    public static func summary(_ findings: [Finding], files fileCount: Int) -> String {
        func count(_ s: Severity, _ word: String) -> String {
            let n = findings.filter { $0.severity == s }.count
            return "\(n) \(word)\(n == 1 ? "" : "s")"
        }
        return "\(count(.error, "error")), \(count(.warning, "warning")), "
            + "\(count(.notice, "notice")) in \(fileCount) file\(fileCount == 1 ? "" : "s")"
    }

    private static func colored(_ severity: Severity) -> String {
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .notice: "36"
        }
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    // MARK: - GitHub

    /// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one per finding.
    public static func github(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let r = f.range
            let properties = [
                ("file", f.file), ("line", "\(r.line)"), ("col", "\(r.column)"),
                ("endLine", "\(r.endLine)"), ("endColumn", "\(r.endColumn)"),
                ("title", "lwkdconv \(f.rule)"),
            ].map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
            out += "::\(f.severity.rawValue) \(properties)::\(escapeData(f.message))\n"
        }
        return out
    }

    /// GitHub's escaping of a command's message: `%`, CR and LF.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's escaping of a property value: the message's, and `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }

    // MARK: - JSON

    private struct JSONReport: Encodable {
        struct Item: Encodable {
            var file: String
            var line, column, endLine, endColumn: Int
            var rule, severity, message: String
            var fix: FixItem?
        }
        struct FixItem: Encodable {
            var description: String
            var startOffset, endOffset: Int
            var replacement: String
        }
        var version = 1
        var findings: [Item]
    }

    public static func json(_ findings: [Finding]) -> String {
        let report = JSONReport(
            findings: findings.map { f in
                JSONReport.Item(
                    file: f.file, line: f.range.line, column: f.range.column,
                    endLine: f.range.endLine, endColumn: f.range.endColumn, rule: f.rule,
                    severity: f.severity.rawValue, message: f.message,
                    fix: f.fix.map {
                        JSONReport.FixItem(
                            description: $0.summary, startOffset: $0.start, endOffset: $0.end,
                            replacement: $0.replacement)
                    })
            })
        return encode(report)
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - SARIF

    private struct SARIF: Encodable {
        struct Run: Encodable {
            var tool: Tool
            var results: [Result]
        }
        struct Tool: Encodable { var driver: Driver }
        struct Driver: Encodable {
            var name = "lwkdconv"
            var version: String
            var informationUri = "https://lwkd.info"
            var rules: [RuleItem]
        }
        struct RuleItem: Encodable {
            var id: String
            var shortDescription: Message
            var defaultConfiguration: Configuration
        }
        struct Configuration: Encodable { var level: String }
        struct Message: Encodable { var text: String }
        struct Result: Encodable {
            var ruleId: String
            var ruleIndex: Int
            var level: String
            var message: Message
            var locations: [Location]
        }
        struct Location: Encodable { var physicalLocation: Physical }
        struct Physical: Encodable {
            var artifactLocation: Artifact
            var region: Region
        }
        struct Artifact: Encodable { var uri: String }
        struct Region: Encodable {
            var startLine, startColumn, endLine, endColumn: Int
        }
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .notice: "note"
        }
    }

    public static func sarif(_ findings: [Finding], version: String) -> String {
        let rules = Rules.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let run = SARIF.Run(
            tool: SARIF.Tool(
                driver: SARIF.Driver(
                    version: version,
                    rules: rules.map {
                        SARIF.RuleItem(
                            id: $0.id, shortDescription: SARIF.Message(text: $0.why),
                            defaultConfiguration: SARIF.Configuration(level: level($0.severity)))
                    })),
            results: findings.map { f in
                SARIF.Result(
                    ruleId: f.rule, ruleIndex: index[f.rule] ?? 0, level: level(f.severity),
                    message: SARIF.Message(text: f.message),
                    locations: [
                        SARIF.Location(
                            physicalLocation: SARIF.Physical(
                                artifactLocation: SARIF.Artifact(uri: uri(f.file)),
                                // SARIF's end column is the one after the region.
                                region: SARIF.Region(
                                    startLine: f.range.line, startColumn: f.range.column,
                                    endLine: f.range.endLine, endColumn: f.range.endColumn + 1)))
                    ])
            })
        return encode(SARIF(runs: [run]))
    }

    /// A relative path as a URI reference (spaces and other bytes percent-encoded).
    private static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
    }
}

extension Rules {
    /// `--list-rules`: id, default severity, fixable, why.
    public static var listing: String {
        var out = ""
        for group in Rule.Group.allCases {
            out += "\(group.rawValue):\n"
            for rule in all where rule.group == group {
                let id = rule.id.padding(toLength: 24, withPad: " ", startingAt: 0)
                let sev = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += "  \(id) \(sev) \(rule.isFixable ? "fix" : "   ")  \(rule.why)\n"
            }
        }
        return out
    }
}
