/// Quoted-printable (RFC 2045 §6.7) with CRLF line ends and encoded lines of at most 76
/// characters.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var lines: [String] = []
        var body = Substring(text)
        if body.hasSuffix("\n") { body.removeLast() }
        for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(encodeLine(Array(line.utf8)))
        }
        return lines.joined(separator: "\r\n")
    }

    private static let fromSpace = Array("From ".utf8)
    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = ""
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            var token: String
            switch byte {
            case 32, 9:
                // Rule 3: whitespace at the end of an encoded line must be encoded.
                token = isLast ? escape(byte) : String(UnicodeScalar(byte))
            case 61:
                token = "=3D"
            case 33...126:
                token = String(UnicodeScalar(byte))
            default:
                token = escape(byte)
            }
            // "From " at a line start is mangled by mbox tools, and a lone "." by SMTP paths.
            if current.isEmpty,
                byte == 46 || (byte == 70 && bytes[index...].starts(with: fromSpace))
            {
                token = escape(byte)
            }
            // Room for a soft break "=" at 76: content lines hold at most 75 characters.
            let limit = isLast ? 76 : 75
            if current.count + token.count > limit {
                out += current + "=\r\n"
                current = ""
                if byte == 46 { token = escape(byte) }
            }
            current += token
        }
        return out + current
    }

    private static func escape(_ byte: UInt8) -> String {
        "=" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]], as: UTF8.self)
    }
}
