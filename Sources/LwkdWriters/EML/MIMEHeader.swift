import LwkdModel

/// Header encoding for the message: RFC 2047 encoded-words, RFC 5322 dates and folding.
enum MIMEHeader {
    /// `text` as is when printable ASCII, else as RFC 2047 `B` encoded-words of at most 75
    /// characters, never splitting a character, folded so each line stays within 76.
    static func encodedText(_ text: String, nameLength: Int) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return text }
        // "=?UTF-8?B?" + base64 + "?=": 12 characters of wrapping; 39 bytes give 52 base64
        // characters, so a word is 64 characters and fits after "Subject: " or a fold.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Wed, 02 Nov 2022 07:54:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ date: PostDate) -> String {
        let u = date.utc
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let month = String(PostDate.monthNames[u.month - 1].prefix(3))
        return "\(weekdays[date.weekday]), \(zeroPadded(u.day)) \(month) \(u.year) "
            + "\(zeroPadded(u.hour)):\(zeroPadded(u.minute)):\(zeroPadded(u.second)) +0000"
    }

    /// Folds a header line longer than 78 characters at spaces (RFC 5322 §2.2.3); lines that
    /// already hold folds are returned as they are.
    static func fold(_ line: String) -> String {
        guard line.count > 78, !line.contains("\r\n") else { return line }
        var out = ""
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > 76 {
                out += current + "\r\n"
                current = " " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        return out + current
    }
}

/// Base64 (RFC 4648) without line breaks.
enum Base64 {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : 61)
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : 61)
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One address: `Name <user@host>` or `user@host`.
struct MailAddress {
    var name: String?
    var address: String

    init(parsing text: String, header: String) throws(WriteError) {
        let trimmed = text.trimmed
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            address =
                String(
                    trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
                ).trimmed
            var display = trimmed[..<open].trimmed
            if display.hasPrefix("\""), display.hasSuffix("\""), display.count >= 2 {
                display = String(display.dropFirst().dropLast())
            }
            name = display.isEmpty ? nil : display
        } else {
            address = trimmed
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            address.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != ">" })
        else {
            throw .unsupported(
                format: "eml", reason: "\(header) address '\(text)' is not user@domain")
        }
    }

    var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// The header form: the name encoded (RFC 2047) or quoted when needed.
    var encoded: String {
        guard let name else { return address }
        if !name.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) {
            return MIMEHeader.encodedText(name, nameLength: 4) + " <\(address)>"
        }
        let isAtomText = name.allSatisfy {
            $0.isLetter || $0.isNumber || " !#$%&'*+-/=?^_`{|}~".contains($0)
        }
        let display = isAtomText ? name : "\"" + name.replacingBackslashesAndQuotes() + "\""
        return display + " <\(address)>"
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for c in self {
            if c == "\\" || c == "\"" { out += "\\" }
            out.append(c)
        }
        return out
    }
}
