import LwkdModel

/// Writes front matter entries as block-style YAML, quoting a string only when a plain scalar
/// would be read back as something else.
enum YAMLFrontMatter {
    static func render(_ entries: [MetaEntry]) -> String {
        var out = ""
        write(entries, indent: "", into: &out)
        return out
    }

    private static func write(_ entries: [MetaEntry], indent: String, into out: inout String) {
        for entry in entries {
            out += indent + key(entry.key) + ":"
            writeValue(entry.value, indent: indent, into: &out)
        }
    }

    private static func writeValue(_ value: MetaValue, indent: String, into out: inout String) {
        switch value {
        case .list(let items) where !items.isEmpty:
            out += "\n"
            for item in items {
                out += indent + "  -"
                writeValue(item, indent: indent + "    ", into: &out)
            }
        case .map(let entries) where !entries.isEmpty:
            out += "\n"
            write(entries, indent: indent + "  ", into: &out)
        default:
            out += " " + scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: MetaValue) -> String {
        switch value {
        case .string(let s): return string(s)
        case .bool(let b): return b ? "true" : "false"
        case .number(let text), .date(let text): return text
        case .null: return "null"
        case .list: return "[]"
        case .map: return "{}"
        }
    }

    private static func key(_ k: String) -> String { isPlainSafe(k) ? k : quoted(k) }

    static func string(_ s: String) -> String { isPlainSafe(s) ? s : quoted(s) }

    /// YAML 1.1 and 1.2 both read these as non-strings when plain.
    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "",
    ]

    private static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else {
            return false
        }
        if reserved.contains(s.lowercased()) { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) { return false }
        if last == " " || last == "\t" || last == ":" { return false }
        if first == "." || first == "+" || looksNumericOrDate(s) { return false }
        if s.contains(": ") || s.contains(" #") { return false }
        return !s.unicodeScalars.contains {
            $0.value < 32 || $0.value == 127 || $0 == "\u{FEFF}"
        }
    }

    /// YAML 1.1 (PyYAML) reads ints, floats, sexagesimals and timestamps from plain scalars
    /// made only of digits and these punctuation and letter marks.
    private static func looksNumericOrDate(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCIIDigit || first == "-" else {
            return false
        }
        if PostDate(parsing: s) != nil { return true }
        return s.unicodeScalars.allSatisfy {
            $0.isASCIIDigit || "_.:+-eExXoObBabcdefABCDEF ".unicodeScalars.contains($0)
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 32 || c.value == 127 {
                    let hex = String(c.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
