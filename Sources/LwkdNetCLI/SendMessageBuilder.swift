import LwkdCLI
import LwkdMail
import LwkdModel
import LwkdSend
import LwkdWriters

/// Builds each recipient's copy of the post: personalised To, the recipient's unsubscribe URL,
/// and the stable Message-ID the mailer computed.
struct SendMessageBuilder {
    var post: Post
    var context: WriteContext
    /// The mail message writer, configured with the sender, subject and list id.
    var writer: any Writer
    /// The `--unsubscribe-url` template, with `{{token}}` and `{{email}}`.
    var unsubscribeTemplate: String?
    /// Signs each copy after personalisation (`--dkim-key`), so every copy verifies.
    var signer: DKIMSigner? = nil

    /// The recipient's unsubscribe URL: `{{token}}` and `{{email}}` filled in, percent-encoded.
    func unsubscribeURL(for recipient: Recipient) -> String? {
        unsubscribeTemplate.map {
            ListUnsubscribe.url(template: $0, token: recipient.token, email: recipient.email)
        }
    }

    /// The full RFC 5322 message with CRLF line ends, built by the mail message writer.
    func message(for recipient: Recipient, messageID: String) throws -> [UInt8] {
        // Quoted here, parsed back by the writer, which encodes a non-ASCII name (RFC 2047).
        let personal = writer.configured(
            WriterOptions(
                unsubscribeURL: unsubscribeURL(for: recipient), toAddress: recipient.mailbox,
                date: context.now, messageID: messageID))
        let bytes = try personal.write(post, in: context).bytes
        return try signer.map { try $0.sign(bytes) } ?? bytes
    }
}
