/// Escaping for HTML and XML text and attribute values.
///
/// Control characters that XML 1.0 forbids are dropped, so XHTML output stays well-formed.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>` for element content.
    public static func text(_ s: String) -> String { escape(s, quotes: false) }

    /// Escapes `&`, `<`, `>`, `"` for a double-quoted attribute value.
    public static func attribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var needs = false
        for b in s.utf8 where b == 38 || b == 60 || b == 62 || (quotes && b == 34) || (b < 32 && b != 9 && b != 10 && b != 13) {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default:
                if c.value < 32, c != "\t", c != "\n", c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
