import Foundation

/// Stable Message-IDs: the same post sent to the same recipient always gets the same one, so a
/// message re-sent after a crash is recognisably the same message (RFC 5322 §3.6.4), and a
/// message written with `--to eml` carries the id `send` would give it.
public enum MessageID {
    /// `<lwkd.HASH@DOMAIN>`, where HASH is the first 32 hex digits of SHA-256 over the post's
    /// identity, a line feed and the recipient's ``MailAddress/key``.
    ///
    /// - Parameters:
    ///   - post: The post's identity, such as its feed entry id or permalink.
    ///   - recipient: The recipient's address, bare or as `Name <address>`; case does not
    ///     matter.
    ///   - domain: The right-hand side, a domain the sender controls.
    public static func stable(post: String, recipient: String, domain: String) -> String {
        let digest = sha256Hex(post + "\n" + MailAddress(parsing: recipient).key)
        return "<lwkd.\(digest.prefix(32))@\(domain)>"
    }

    /// `id` in angle brackets, as the header carries it: `x@y` and `<x@y>` both give `<x@y>`.
    public static func bracketed(_ id: String) -> String {
        let bare = id.trimmingCharacters(in: .whitespacesAndNewlines)
        return bare.hasPrefix("<") ? bare : "<\(bare)>"
    }
}
