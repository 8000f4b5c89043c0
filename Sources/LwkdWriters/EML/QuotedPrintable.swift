/// Quoted-printable (RFC 2045 §6.7) with CRLF line ends and encoded lines of at most 76
/// characters.
enum QuotedPrintable {
    /// Lines end at a lone LF. A CR LF pair inside the text is one Swift `Character`, so it
    /// never ended a line here: it stays inside its line, encoded as `=0D=0A`.
    static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        encode(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `text` to `out`, reading the string's own UTF-8 (no copy: a
    /// message body can be tens of megabytes).
    static func encode(_ text: String, into out: inout [UInt8]) {
        _ = encode(text, into: &out, streaming: false) { _ in true }
    }

    /// Appends the encoding of `text` to `out`, calling `afterLine` after each encoded line,
    /// which may hand `out` on and empty it (`streaming`: then `out` is not grown to the whole
    /// encoding first), or return false to stop: the encoding of a big body never has to be
    /// held whole. False when stopped.
    static func encode(
        _ text: String, into out: inout [UInt8], streaming: Bool = true,
        afterLine: (inout [UInt8]) -> Bool
    ) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var end = bytes.count
            if end > 0, bytes[end - 1] == 10, end < 2 || bytes[end - 2] != 13 { end -= 1 }
            if !streaming { out.reserveCapacity(out.count + end + end / 8) }
            var start = 0
            var index = 0
            while true {
                let atEnd = index == end
                if atEnd || (bytes[index] == 10 && (index == 0 || bytes[index - 1] != 13)) {
                    var lineEnd = index
                    if lineEnd > start, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
                    encodeLine(bytes[start..<lineEnd], into: &out)
                    if !afterLine(&out) { return false }
                    if atEnd { break }
                    out += [13, 10]
                    start = index + 1
                }
                index += 1
            }
            return true
        }
    }

    private static let fromSpace = Array("From ".utf8)
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// One line; every token is ASCII, so a line's length is its byte count.
    private static func encodeLine(
        _ bytes: Slice<UnsafeBufferPointer<UInt8>>, into out: inout [UInt8]
    ) {
        var current = 0
        var token: [UInt8] = []
        token.reserveCapacity(3)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            let isLast = next == bytes.endIndex
            token.removeAll(keepingCapacity: true)
            switch byte {
            case 32, 9:
                // Rule 3: whitespace at the end of an encoded line must be encoded.
                if isLast { escape(byte, into: &token) } else { token.append(byte) }
            case 61:
                escape(byte, into: &token)
            case 33...126:
                token.append(byte)
            default:
                escape(byte, into: &token)
            }
            // "From " at a line start is mangled by mbox tools, and a lone "." by SMTP paths.
            if current == 0,
                byte == 46 || (byte == 70 && bytes[index...].starts(with: fromSpace))
            {
                token.removeAll(keepingCapacity: true)
                escape(byte, into: &token)
            }
            // Room for a soft break "=" at 76: content lines hold at most 75 characters.
            let limit = isLast ? 76 : 75
            if current + token.count > limit {
                out += [61, 13, 10]
                current = 0
                if byte == 46 {
                    token.removeAll(keepingCapacity: true)
                    escape(byte, into: &token)
                }
            }
            out += token
            current += token.count
            index = next
        }
    }

    private static func escape(_ byte: UInt8, into token: inout [UInt8]) {
        token += [61, hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
    }
}
