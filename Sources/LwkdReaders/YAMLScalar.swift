import LwkdModel

/// Resolves a plain (unquoted) YAML scalar the way YAML 1.1 does — the schema of Jekyll's Psych
/// and of PyYAML — so `draft: yes` stays a boolean and `date: 2020-02-24 22:00:00 -0000` a
/// timestamp. Regex-free: front matter is read for every post of a digest.
enum YAMLScalar {
    static func resolve(plain s: String) -> MetaValue {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
            return .bool(value: true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
            return .bool(value: false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
            ".NaN", ".NAN":
            return .number(text: s)
        default:
            break
        }
        if isInt(s) || isFloat(s) { return .number(text: s) }
        if let first = s.utf8.first, first >= 48, first <= 57, PostDate(parsing: s) != nil {
            return .date(text: s)
        }
        return .string(value: s)
    }

    private static func digits(_ b: ArraySlice<UInt8>, allowed: (UInt8) -> Bool) -> Bool {
        !b.isEmpty && b.allSatisfy { allowed($0) || $0 == 95 }
    }

    private static func isDecimal(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func isInt(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        if b.first == 43 || b.first == 45 { b = b.dropFirst() }
        guard let first = b.first else { return false }
        if b.starts(with: Array("0b".utf8)) {
            return digits(b.dropFirst(2)) { $0 == 48 || $0 == 49 }
        }
        if b.starts(with: Array("0x".utf8)) {
            return digits(b.dropFirst(2)) { isDecimal($0) || ($0 | 32 >= 97 && $0 | 32 <= 102) }
        }
        if first == 48 { return b.count == 1 || digits(b.dropFirst()) { $0 >= 48 && $0 <= 55 } }
        if b.contains(58) { return isSexagesimal(b) }
        return isDecimal(first) && digits(b) { isDecimal($0) }
    }

    private static func isSexagesimal(_ b: ArraySlice<UInt8>) -> Bool {
        let parts = b.split(separator: 58, omittingEmptySubsequences: false)
        guard let head = parts.first, let h = head.first, h != 48, digits(head, allowed: isDecimal)
        else { return false }
        return parts.dropFirst().allSatisfy { p in
            (1...2).contains(p.count) && p.allSatisfy(isDecimal)
                && (p.count == 1 || p[p.startIndex] <= 53)
        }
    }

    private static func isFloat(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        if b.first == 43 || b.first == 45 { b = b.dropFirst() }
        guard let dot = b.firstIndex(of: 46) else { return false }
        let whole = b[..<dot]
        var fraction = b[b.index(after: dot)...]
        if let e = fraction.firstIndex(where: { $0 == 101 || $0 == 69 }) {
            var exponent = fraction[fraction.index(after: e)...]
            guard exponent.first == 43 || exponent.first == 45 else { return false }
            exponent = exponent.dropFirst()
            guard !exponent.isEmpty, exponent.allSatisfy(isDecimal) else { return false }
            fraction = fraction[..<e]
        }
        guard fraction.allSatisfy({ isDecimal($0) || $0 == 95 }) else { return false }
        if whole.isEmpty { return !fraction.isEmpty }
        if whole.contains(58) { return isSexagesimal(whole) }
        return isDecimal(whole[whole.startIndex]) && digits(whole, allowed: isDecimal)
    }
}
