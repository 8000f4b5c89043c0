import LwkdMail
import LwkdModel

/// A complete RFC 5322 message, ready for an MTA or an e-mail service: `multipart/alternative`
/// with the plain-text edition first (`format=flowed`) and the HTML e-mail second, both UTF-8
/// quoted-printable, CRLF line ends.
///
/// Deterministic: `Date` and `Message-ID` come from the post (or the given values), and the
/// MIME boundary from the content, so the same input and options give the same bytes. The
/// Message-ID is the one `send` gives the same post for the same `To:` address
/// (``MessageID/stable(post:recipient:domain:)`` over ``PostFacts/mailIdentity``).
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
    /// The unsubscribe URL: the footer link and, when https, `List-Unsubscribe` with
    /// `List-Unsubscribe-Post` (RFC 8058). Nil links the footer to a `mailto:` the sender.
    public var unsubscribeURL: String?
    /// `List-Id:`; nil uses `<site name> <lwkd.<from domain>>`.
    public var listID: String?
    /// `Message-ID:` (with or without angle brackets); nil derives the stable one from the
    /// post's identity (``PostFacts/mailIdentity``) and the `To:` address.
    public var messageID: String?
    /// `Date:`; nil uses the post's date.
    public var date: PostDate?

    /// Creates the writer.
    public init(
        fromAddress: String = "LWKD <lwkd@lwkd.info>", toAddress: String = "LWKD readers <subscribers@lwkd.info>",
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

    /// A digest by e-mail is its appendix alone (``Digest/mailPost(format:in:)``).
    public func writeDigest(_ digest: Digest, in context: WriteContext) throws(WriteError)
        -> Output
    {
        try write(digest.mailPost(format: format, in: context), in: context)
    }

    /// The message of ``write(_:in:)``, handed to `sink` about a mebibyte at a time once the
    /// two parts are rendered (and every warning reported): the encoded message is never held
    /// whole (issue 15: for a big post it was the largest thing in memory, twice).
    public func write(
        _ post: Post, in context: WriteContext,
        into sink: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(WriteError) {
        let from = try MailAddress(checking: fromAddress, header: "From", format: format)
        let to = try MailAddress(checking: toAddress, header: "To", format: format)
        let domain = from.domain ?? "localhost"
        let footerUnsubscribe = unsubscribeURL ?? ListUnsubscribe.mailto(from)
        // The plain part first: its own prepared copy of the model is gone before the HTML
        // part is rendered, rather than made while the whole HTML is held (issue 15).
        let plain = try EMLWriter.plainText(
            of: post, in: context, unsubscribeURL: footerUnsubscribe)
        let html = try HTMLEmailWriter(unsubscribeURL: footerUnsubscribe).render(
            post, in: context)
        HTMLEmailWriter.checkSize(
            html, budget: HTMLEmailWriter.gmailClipBytes, post: post, in: context)
        // A message's Date is when it is sent (the context's clock, set by `send`), else the
        // post's date.
        let sent = date ?? context.now ?? post.facts.instant(or: nil)
        let subjectLine = subject ?? post.facts.subject
        var headers: [(String, String)] = [
            ("From", from.headerValue),
            ("To", to.headerValue),
            ("Subject", MIMEHeader.encodedWords(subjectLine)),
            ("Date", EMLWriter.rfc5322Date(sent)),
            ("Message-ID", messageIDValue(for: post.facts, to: to, domain: domain)),
            ("MIME-Version", "1.0"),
            ("List-Id", listID ?? "\(context.site.name) <lwkd.\(domain)>"),
        ]
        // RFC 8058 §3.1: one-click unsubscription needs an https URI, and a List-Unsubscribe
        // without it (a mailto: alone, the default) is what validate-eml, and Gmail's and
        // Yahoo's rules for bulk senders, refuse; so without one the header is left out and
        // the footer's link is the way out.
        if footerUnsubscribe.lowercased().hasPrefix("https://") {
            headers.append(("List-Unsubscribe", "<\(footerUnsubscribe)>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        } else {
            context.diagnostics.warn(
                "no List-Unsubscribe header: one-click unsubscribe (RFC 8058) needs an https "
                    + "--unsubscribe-url; the footer links to "
                    + (unsubscribeURL == nil ? "a mailto: the sender" : "'\(footerUnsubscribe)'"),
                file: post.file)
        }
        let boundary = MIMEHeader.boundary(for: [plain, html, subjectLine])
        headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
        // Every value but the Subject (encoded words above) goes in unencoded: a CR, LF or
        // other control in it (an option, a site name) would forge headers.
        // The message is assembled as bytes, the parts encoded straight into it: joining
        // strings would hold several copies of a big post's message at once.
        var message: [UInt8] = []
        var stopped = false
        /// Hands the buffer to the sink once it holds a chunk (or at the end); false once the
        /// sink has refused.
        func flush(_ buffer: inout [UInt8], force: Bool = false) -> Bool {
            guard !stopped else { return false }
            if buffer.count >= EMLWriter.chunkSize || (force && !buffer.isEmpty) {
                stopped = !buffer.withUnsafeBufferPointer { sink($0) }
                buffer.removeAll(keepingCapacity: true)
            }
            return !stopped
        }
        func line(_ text: String) {
            message += text.utf8
            message += [13, 10]
        }
        for (name, value) in headers {
            do {
                line(try MIMEHeader.line(name, value, encoded: name == "Subject"))
            } catch {
                throw .unsupported(format: format, reason: error.description)
            }
        }
        line("")
        line("This is a MIME message: a plain-text part, then an HTML part.")
        line("")
        line("--" + boundary)
        line("Content-Type: text/plain; charset=utf-8; format=flowed")
        line("Content-Transfer-Encoding: quoted-printable")
        line("")
        guard QuotedPrintable.encode(plain, into: &message, afterLine: { flush(&$0) }) else {
            return
        }
        line("")
        line("--" + boundary)
        line("Content-Type: text/html; charset=utf-8")
        line("Content-Transfer-Encoding: quoted-printable")
        line("")
        guard QuotedPrintable.encode(html, into: &message, afterLine: { flush(&$0) }) else {
            return
        }
        line("")
        line("--" + boundary + "--")
        _ = flush(&message, force: true)
    }

    private func messageIDValue(for facts: PostFacts, to: MailAddress, domain: String) -> String {
        if let messageID { return MessageID.bracketed(messageID) }
        let post = facts.mailIdentity ?? "post:" + facts.slug
        return MessageID.stable(post: post, recipient: to.addrSpec, domain: domain)
    }
}

extension EMLWriter: StreamingWriter {}

extension PostFacts {
    /// The post's identity in Message-IDs, shared by the eml writer and `send`: its feed entry
    /// id, else its permalink, else `post:` and its file name without extension; nil when it
    /// has none of these.
    public var mailIdentity: String? {
        id ?? permalink ?? fileName.map { "post:" + FileName.stem($0) }
    }
}

extension EMLWriter {
    /// `Wed, 02 Nov 2022 07:54:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ date: PostDate) -> String {
        let u = date.utc
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let month = String(PostDate.monthNames[u.month - 1].prefix(3))
        return "\(weekdays[date.weekday]), \(zeroPadded(u.day)) \(month) \(u.year) "
            + "\(zeroPadded(u.hour)):\(zeroPadded(u.minute)):\(zeroPadded(u.second)) +0000"
    }
}

/// `n` with leading zeros up to `width` digits.
private func zeroPadded(_ n: Int, _ width: Int = 2) -> String {
    let digits = "\(n)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
