/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    /// The reply code, such as 250.
    public var code: Int
    /// The text of each line, without the code and separator.
    public var lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx: the command was accepted.
    public var isPositive: Bool { code >= 200 && code < 400 }
    /// 4xx: refused for now; the same command may succeed later.
    public var isTransient: Bool { code >= 400 && code < 500 }
    /// 5xx: refused for good.
    public var isPermanent: Bool { code >= 500 }

    /// The code and the first line, such as `250 2.0.0 Ok: queued as 1234`.
    public var description: String {
        let text = lines.first ?? ""
        return text.isEmpty ? String(code) : "\(code) \(text)"
    }
}
