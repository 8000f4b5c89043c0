import Foundation
import LwkdModel

/// Unsubscribe links for the footer and the `List-Unsubscribe` header (RFC 2369, RFC 8058).
public enum ListUnsubscribe {
    /// The recipient's unsubscribe token in a per-recipient URL template, percent-encoded.
    public static let tokenPlaceholder = "{{token}}"
    /// The recipient's address, percent-encoded.
    public static let emailPlaceholder = "{{email}}"

    /// `mailto:ADDRESS?subject=unsubscribe`, asking the sender by mail.
    public static func mailto(_ sender: MailAddress) -> String {
        "mailto:\(sender.addrSpec)?subject=unsubscribe"
    }

    /// A recipient's unsubscribe URL: `{{token}}` and `{{email}}` in `template` replaced by the
    /// token (empty when nil) and the address, each percent-encoded as a URL component (only
    /// RFC 3986 unreserved characters are kept).
    public static func url(template: String, token: String?, email: String) -> String {
        template.replacingOccurrences(of: tokenPlaceholder, with: componentEncoded(token ?? ""))
            .replacingOccurrences(of: emailPlaceholder, with: componentEncoded(email))
    }

    /// `text` percent-encoded for a query or path component: everything but RFC 3986
    /// unreserved characters (`A–Z a–z 0–9 - . _ ~`) is encoded as UTF-8 `%XX`.
    public static func componentEncoded(_ text: String) -> String {
        URLText.percentEncoded(text, keeping: .component)
    }
}
