import LwkdMail
import LwkdModel
import LwkdSend
import LwkdWriters

/// Builds each recipient's copy of the post: personalised To, the recipient's unsubscribe URL,
/// and the stable Message-ID the mailer computed.
struct SendMessageBuilder {
    var document: Document
    var context: WriteContext
    /// The eml writer with what every copy shares: From, Subject, List-Id and Date.
    var writer: EMLWriter
    /// The `--unsubscribe-url` template, with `{{token}}` and `{{email}}`.
    var unsubscribeTemplate: String?

    /// The recipient's unsubscribe URL: `{{token}}` and `{{email}}` filled in, percent-encoded.
    func unsubscribeURL(for recipient: Recipient) -> String? {
        unsubscribeTemplate.map {
            ListUnsubscribe.url(template: $0, token: recipient.token, email: recipient.email)
        }
    }

    /// The full RFC 5322 message with CRLF line ends, built by the eml writer.
    func message(for recipient: Recipient, messageID: String) throws -> [UInt8] {
        var writer = self.writer
        // Quoted here, parsed back by the eml writer, which encodes a non-ASCII name (RFC 2047).
        writer.toAddress = recipient.mailbox
        writer.unsubscribeURL = unsubscribeURL(for: recipient)
        writer.messageID = messageID
        return try writer.write(document, in: context).bytes
    }
}
