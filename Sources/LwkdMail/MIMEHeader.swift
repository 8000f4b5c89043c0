import Crypto
import Foundation
import LwkdModel

/// Header encoding for messages: RFC 2047 encoded-words, RFC 5322 folding, MIME boundaries.
public enum MIMEHeader {
    /// True when `text` is printable ASCII and needs no encoding in a header.
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
    }

    /// Why `value` cannot be written into a header, or an SMTP command, as it is: a CR or LF
    /// would end the line and start a header (`Bcc:`) or a command (`RCPT TO`) of the value's
    /// choosing; other controls (tab included) are never valid in the URLs, ids and host names
    /// that go there unencoded. Nil when the value is fine.
    public static func valueProblem(_ value: String) -> String? {
        guard let scalar = value.unicodeScalars.first(where: \.isControl) else { return nil }
        if scalar == "\r" || scalar == "\n" { return "it holds a line break (CR or LF)" }
        return "it holds the control character \(String(scalar).escapingControls)"
    }

    /// One header line, `Name: value`, folded: the one way a header is written. A value that
    /// ``valueProblem(_:)`` refuses throws; text that may hold anything (a Subject) goes through
    /// ``encodedWords(_:)`` first, which leaves only printable ASCII and its own folds.
    public static func line(_ name: String, _ value: String, encoded: Bool = false) throws(
        HeaderValueError
    ) -> String {
        if !encoded, let problem = valueProblem(value) {
            throw HeaderValueError(header: name, value: value, problem: problem)
        }
        return fold(name + ": " + value)
    }

    /// `text` as is when printable ASCII, else as RFC 2047 `B` encoded-words of at most 75
    /// characters, never splitting a character, folded so each line stays within 76.
    public static func encodedWords(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        // "=?UTF-8?B?" + base64 + "?=": 12 characters of wrapping; 39 bytes give 52 base64
        // characters, so a word is 64 characters and fits after "Subject: " or a fold.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Folds a header line longer than 78 characters at spaces (RFC 5322 §2.2.3); lines that
    /// already hold folds are returned as they are.
    public static func fold(_ line: String) -> String {
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

    /// A multipart boundary derived from the parts' content, so the same message always has
    /// the same bytes: `=_lwkd_` and the first 16 hex digits of SHA-256 over the parts.
    ///
    /// The `=_` prefix cannot occur in quoted-printable or base64 bodies (RFC 2045 §6.7).
    public static func boundary(for parts: [String]) -> String {
        // The hash of the parts joined by NUL, taken a part at a time: joining a big post's
        // two parts held one more copy of the message (issue 15).
        var hasher = SHA256()
        for (index, part) in parts.enumerated() {
            if index > 0 { hasher.update(data: [0]) }
            hasher.update(utf8Of: part)
        }
        return "=_lwkd_" + hexDigits(hasher.finalize()).prefix(16)
    }
}

/// A header value ``MIMEHeader/line(_:_:encoded:)`` refused.
public struct HeaderValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The header's name, such as `List-Id`.
    public var header: String
    /// The value, as given.
    public var value: String
    /// Why it was refused.
    public var problem: String

    public var description: String {
        "\(header) value '\(value.escapingControls)' refused: \(problem)"
    }
}

/// SHA-256 of the text's UTF-8 bytes as lowercase hex.
public func sha256Hex(_ text: String) -> String {
    var hasher = SHA256()
    hasher.update(utf8Of: text)
    return hexDigits(hasher.finalize())
}

/// Bytes as lowercase hex, two digits each.
private func hexDigits(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

extension SHA256 {
    /// Hashes the string's own UTF-8 storage, not a copy of it.
    fileprivate mutating func update(utf8Of text: String) {
        var text = text
        text.withUTF8 { update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
}
