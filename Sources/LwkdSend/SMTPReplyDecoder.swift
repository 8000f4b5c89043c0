import NIOCore

/// Decodes SMTP replies, joining the lines of a multiline reply (RFC 5321 §4.2).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// A reply that does not follow RFC 5321 §4.2.
    struct MalformedReply: Error, CustomStringConvertible {
        var description: String
    }

    /// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; allow slack.
    static let maxLineBytes = 8192
    /// All lines of one reply together, terminators included: an EHLO reply is under 1 KB, and
    /// a server that never ends a multiline reply must not grow memory without bound.
    static let maxReplyBytes = 65536

    private var code: Int?
    private var lines: [String] = []
    private var replyBytes = 0

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws
        -> DecodingState
    {
        guard let step = try next(from: &buffer) else { return .needMoreData }
        if let reply = step { context.fireChannelRead(wrapInboundOut(reply)) }
        return .continue
    }

    /// Reads one line from `buffer`: nil when a whole line is not there yet, `.some(nil)` for
    /// a line of a multiline reply, `.some(reply)` when a reply is complete.
    mutating func next(from buffer: inout ByteBuffer) throws -> SMTPReply?? {
        let view = buffer.readableBytesView
        let newline = view.prefix(Self.maxLineBytes + 2).firstIndex(of: UInt8(ascii: "\n"))
        guard let newline else {
            if view.count > Self.maxLineBytes + 1 {
                throw MalformedReply(description: "reply line longer than \(Self.maxLineBytes) bytes")
            }
            return nil
        }
        replyBytes += newline - view.startIndex + 1
        if replyBytes > Self.maxReplyBytes {
            throw MalformedReply(description: "reply longer than \(Self.maxReplyBytes) bytes")
        }
        guard var bytes = buffer.readBytes(length: newline - view.startIndex + 1) else {
            return nil
        }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let digits = bytes.prefix(3)
        guard digits.count == 3,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw MalformedReply(
                description:
                    "reply does not start with a 3-digit code: '\(String(decoding: bytes.prefix(40), as: UTF8.self))'"
            )
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if let expected = self.code, expected != code {
            throw MalformedReply(
                description: "multiline reply changes code from \(expected) to \(code)")
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw MalformedReply(
                description: "reply code \(code) followed by neither space nor '-'")
        }
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") {
            self.code = code
            return .some(nil)
        }
        let reply = SMTPReply(code: code, lines: lines)
        self.code = nil
        lines = []
        replyBytes = 0
        return .some(reply)
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        .needMoreData
    }
}

/// The reply decoder without a connection, for the fuzz target and its regression files.
public enum SMTPReplyParsing {
    /// The complete replies in `bytes`, in order; throws the decoder's description of the first
    /// protocol violation. Bytes after the last complete reply are left unread.
    public static func replies(in bytes: [UInt8]) throws -> [SMTPReply] {
        var decoder = SMTPReplyDecoder()
        var buffer = ByteBuffer(bytes: bytes)
        var replies: [SMTPReply] = []
        while let step = try decoder.next(from: &buffer) {
            if let reply = step { replies.append(reply) }
        }
        return replies
    }

    /// The limits the decoder enforces: bytes per line, bytes per reply.
    public static var limits: (line: Int, reply: Int) {
        (SMTPReplyDecoder.maxLineBytes, SMTPReplyDecoder.maxReplyBytes)
    }
}
