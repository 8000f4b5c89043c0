import Foundation
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
    var unsubscribeTemplate: String?

    /// The recipient's unsubscribe URL: `{{token}}` and `{{email}}` filled in, percent-encoded.
    func unsubscribeURL(for recipient: Recipient) -> String? {
        guard let template = unsubscribeTemplate else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        return template.replacingOccurrences(of: "{{token}}", with: encoded(recipient.token ?? ""))
            .replacingOccurrences(of: "{{email}}", with: encoded(recipient.email))
    }

    /// The full RFC 5322 message with CRLF line ends, built by the mail message writer.
    func message(for recipient: Recipient, messageID: String) throws -> [UInt8] {
        // The writer quotes or encodes the display name itself (RFC 5322, RFC 2047).
        let to = recipient.name.map { "\($0) <\(recipient.email)>" } ?? recipient.email
        let personal = writer.configured(
            WriterOptions(
                unsubscribeURL: unsubscribeURL(for: recipient), toAddress: to, date: context.now,
                messageID: messageID))
        return try personal.write(post, in: context).bytes
    }
}
