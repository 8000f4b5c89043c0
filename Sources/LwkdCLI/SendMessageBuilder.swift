import Foundation
import LwkdModel
import LwkdSend
import LwkdWriters

/// Builds each recipient's copy of the post: personalised To, the recipient's unsubscribe URL,
/// and the stable Message-ID the mailer computed.
struct SendMessageBuilder {
    var document: Document
    var context: WriteContext
    var fromAddress: String
    var subject: String
    var unsubscribeTemplate: String?
    var listID: String?

    /// The recipient's unsubscribe URL: `{{token}}` and `{{email}}` filled in, percent-encoded.
    func unsubscribeURL(for recipient: Recipient) -> String? {
        guard let template = unsubscribeTemplate else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return template.replacingOccurrences(of: "{{token}}", with: encoded(recipient.token ?? ""))
            .replacingOccurrences(of: "{{email}}", with: encoded(recipient.email))
    }

    /// The full RFC 5322 message with CRLF line ends.
    func message(for recipient: Recipient, messageID: String) throws -> [UInt8] {
        // TODO(#7): build with EMLWriter (format eml) once it is on main.
        let body = try MarkdownWriter().write(document, in: context).bytes
        return StandInMessage.build(
            from: fromAddress, to: recipient.mailbox, subject: subject, messageID: messageID,
            date: context.now, unsubscribeURL: unsubscribeURL(for: recipient), listID: listID, body: body)
    }
}

/// A minimal single-part text message, used until the eml writer lands.
enum StandInMessage {
    static func build(
        from: String, to: String, subject: String, messageID: String, date: PostDate?,
        unsubscribeURL: String?, listID: String?, body: [UInt8]
    ) -> [UInt8] {
        var headers = [
            "From: \(from)", "To: \(to)", "Subject: \(encodedWord(subject))",
            "Date: \(rfc5322(date ?? PostDate(year: 2000, month: 1, day: 1)))", "Message-ID: \(messageID)",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        if let listID { headers.append("List-Id: \(listID)") }
        if let unsubscribeURL {
            headers.append("List-Unsubscribe: <\(unsubscribeURL)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        var text = String(decoding: body, as: UTF8.self)
        if let unsubscribeURL { text += "\n--\nUnsubscribe: \(unsubscribeURL)\n" }
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + quotedPrintable(text)).utf8)
    }

    private static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return text }
        return "=?utf-8?b?\(Data(text.utf8).base64EncodedString())?="
    }

    private static func rfc5322(_ date: PostDate) -> String {
        let u = date.utc
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let month = PostDate.monthNames[u.month - 1].prefix(3)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[u.weekday]), \(u.day) \(month) \(u.year) \(two(u.hour)):\(two(u.minute)):\(two(u.second)) +0000"
    }

    private static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var out = "", column = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !isLast)
                let piece = literal ? String(UnicodeScalar(byte)) : "=" + String(format: "%02X", byte)
                if column + piece.count > 75 {
                    out += "=\r\n"
                    column = 0
                }
                out += piece
                column += piece.count
            }
            lines.append(out)
        }
        return lines.joined(separator: "\r\n")
    }
}
