/// URL text that EPUBCheck accepts: characters the URL Standard does not allow are
/// percent-encoded, and a `%` not followed by two hex digits becomes `%25`.
enum EPUBURL {
    static func valid(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var needs = false
        for (i, b) in bytes.enumerated()
        where isEscaped(b) || (b == 37 && !isPercentEscape(bytes, at: i)) {
            needs = true
            break
        }
        guard needs else { return url }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for (i, b) in bytes.enumerated() {
            if isEscaped(b) || (b == 37 && !isPercentEscape(bytes, at: i)) {
                out += [37, hex[Int(b >> 4)], hex[Int(b & 15)]]
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Controls, space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}` and DEL.
    private static func isEscaped(_ b: UInt8) -> Bool {
        b <= 32 || b == 34 || b == 60 || b == 62 || b == 92 || b == 94 || b == 96 || b == 123
            || b == 124
            || b == 125 || b == 127
    }

    private static func isPercentEscape(_ bytes: [UInt8], at i: Int) -> Bool {
        func isHex(_ b: UInt8) -> Bool {
            (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b)
        }
        return i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
    }
}
