import LwkdModel

/// A complete RFC 5322 message, ready for an MTA or an e-mail service: `multipart/alternative`
/// with the plain-text edition first (`format=flowed`) and the HTML e-mail second, both UTF-8
/// quoted-printable, CRLF line ends.
///
/// Deterministic: `Date` and `Message-ID` come from the post (or the given values), and the
/// MIME boundary from the content, so the same input and options give the same bytes.
public struct EMLWriter: Writer {
    public let format = "eml"
    public let aliases = ["mime", "message"]
    public let fileExtensions = ["eml"]
    public let isBinary = false
    public var usesTheme: Bool { true }
    public var linksWithinDocument: Bool { false }
    public var isMailMessage: Bool { true }
    public let summary = "MIME message (text + HTML e-mail, ready to send)"

    /// `From:` (`Name <address>` or a bare address).
    public var fromAddress: String
    /// `To:`.
    public var toAddress: String
    /// `Subject:`; nil uses `LWKD: Week Ending <Month> <D>, <YYYY>`.
    public var subject: String?
    /// The unsubscribe URL: the footer link, `List-Unsubscribe` and (for https)
    /// `List-Unsubscribe-Post` (RFC 8058). Nil links the footer to a `mailto:` the sender.
    public var unsubscribeURL: String?
    /// `List-Id:`; nil uses `<site name> <lwkd.<from domain>>`.
    public var listID: String?
    /// `Message-ID:` (with or without angle brackets); nil derives one from the post and date.
    public var messageID: String?
    /// `Date:`; nil uses the post's date.
    public var date: PostDate?

    /// Creates the writer.
    public init(
        fromAddress: String = "LWKD <lwkd@lwkd.info>", toAddress: String = "subscribers@lwkd.info",
        subject: String? = nil, unsubscribeURL: String? = nil, listID: String? = nil,
        messageID: String? = nil, date: PostDate? = nil
    ) {
        self.fromAddress = fromAddress
        self.toAddress = toAddress
        self.subject = subject
        self.unsubscribeURL = unsubscribeURL
        self.listID = listID
        self.messageID = messageID
        self.date = date
    }

    public func configured(_ options: WriterOptions) -> any Writer {
        EMLWriter(
            fromAddress: options.fromAddress ?? fromAddress,
            toAddress: options.toAddress ?? toAddress, subject: options.subject ?? subject,
            unsubscribeURL: options.unsubscribeURL ?? unsubscribeURL,
            listID: options.listID ?? listID, messageID: options.messageID ?? messageID,
            date: options.date ?? date)
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let from = try MailAddress(parsing: fromAddress, header: "From")
        let to = try MailAddress(parsing: toAddress, header: "To")
        let footerUnsubscribe = unsubscribeURL ?? "mailto:\(from.address)?subject=unsubscribe"
        let html = try HTMLEmailWriter(unsubscribeURL: footerUnsubscribe).render(
            post, in: context)
        HTMLEmailWriter.checkSize(
            html, budget: HTMLEmailWriter.gmailClipBytes, post: post, in: context)
        let plain = try EMLWriter.plainText(
            of: post, in: context, unsubscribeURL: footerUnsubscribe)
        // A message's Date is when it is sent (the context's clock, set by `send`), else the
        // post's date.
        let sent = date ?? context.now ?? post.facts.instant(or: nil)
        let subjectLine = subject ?? post.facts.subject
        let hash = FNV1a.hex(plain + "\u{0}" + html + "\u{0}" + subjectLine)
        var headers: [(String, String)] = [
            ("From", from.encoded),
            ("To", to.encoded),
            ("Subject", MIMEHeader.encodedText(subjectLine, nameLength: "Subject".count)),
            ("Date", MIMEHeader.rfc5322Date(sent)),
            ("Message-ID", messageIDValue(for: post.facts, date: sent, domain: from.domain)),
            ("MIME-Version", "1.0"),
            ("List-Id", listID ?? "\(context.site.name) <lwkd.\(from.domain)>"),
        ]
        // RFC 2369 §3.2: the default is the footer's mailto:, which has no one-click POST.
        headers.append(("List-Unsubscribe", "<\(footerUnsubscribe)>"))
        if footerUnsubscribe.lowercased().hasPrefix("https://") {
            // RFC 8058 §3.1: one-click unsubscription needs an https URI.
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        } else if unsubscribeURL != nil, !footerUnsubscribe.lowercased().hasPrefix("mailto:") {
            context.diagnostics.warn(
                "unsubscribe URL is not https; List-Unsubscribe-Post (RFC 8058) omitted",
                file: post.file)
        }
        let boundary = "=_lwkd_" + hash
        headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
        var lines: [String] = headers.map { MIMEHeader.fold($0.0 + ": " + $0.1) }
        lines.append("")
        lines.append("This is a MIME message: a plain-text part, then an HTML part.")
        lines.append("")
        lines.append("--" + boundary)
        lines.append("Content-Type: text/plain; charset=utf-8; format=flowed")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines.append(QuotedPrintable.encode(plain))
        lines.append("--" + boundary)
        lines.append("Content-Type: text/html; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines.append(QuotedPrintable.encode(html))
        lines.append("--" + boundary + "--")
        lines.append("")
        return .text(lines.joined(separator: "\r\n"))
    }

    private func messageIDValue(for facts: PostFacts, date: PostDate, domain: String) -> String {
        if let messageID {
            let bare = messageID.trimmed
            return bare.hasPrefix("<") ? bare : "<\(bare)>"
        }
        let u = date.utc
        let day = zeroPadded(u.year, 4) + zeroPadded(u.month) + zeroPadded(u.day)
        let key = facts.slug + "|" + date.rfc3339
        return "<lwkd.\(day).\(FNV1a.hex(key))@\(domain)>"
    }
}

/// `n` with leading zeros up to `width` digits.
func zeroPadded(_ n: Int, _ width: Int = 2) -> String {
    let digits = "\(n)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// FNV-1a, 64-bit: a stable hash for identifiers (Swift's `Hasher` is seeded per process).
enum FNV1a {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
