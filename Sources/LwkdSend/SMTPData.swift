/// The DATA section encoding of RFC 5321 §4.5.2: CRLF line ends, dot-stuffing and the
/// terminating `.` line.
enum SMTPData {
    /// `message` with every line end made CRLF, every line starting with `.` given another `.`,
    /// and `CRLF . CRLF` at the end.
    static func encode(_ message: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 40 + 8)
        var atLineStart = true
        var i = 0
        while i < message.count {
            let byte = message[i]
            if byte == cr || byte == lf {
                out.append(cr)
                out.append(lf)
                if byte == cr, i + 1 < message.count, message[i + 1] == lf { i += 1 }
                atLineStart = true
            } else {
                if atLineStart, byte == dot { out.append(dot) }
                out.append(byte)
                atLineStart = false
            }
            i += 1
        }
        if !atLineStart { out += [cr, lf] }
        out += [dot, cr, lf]
        return out
    }

    /// True when any byte is outside 7-bit ASCII (the body then needs `BODY=8BITMIME`).
    static func has8Bit(_ message: [UInt8]) -> Bool { message.contains { $0 >= 0x80 } }

    /// True when the header section (up to the first empty line) holds a byte outside 7-bit
    /// ASCII: UTF-8 headers (RFC 6532), which need SMTPUTF8.
    static func headerHas8Bit(_ message: [UInt8]) -> Bool {
        var lineIsEmpty = true
        for byte in message {
            if byte >= 0x80 { return true }
            if byte == UInt8(ascii: "\n") {
                if lineIsEmpty { return false }
                lineIsEmpty = true
            } else if byte != UInt8(ascii: "\r") {
                lineIsEmpty = false
            }
        }
        return false
    }
}
