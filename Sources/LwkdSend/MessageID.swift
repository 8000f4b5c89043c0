/// Stable Message-IDs: the same post sent to the same recipient always gets the same one, so a
/// message re-sent after a crash is recognisably the same message (RFC 5322 §3.6.4).
public enum MessageID {
    /// `<lwkd.HASH@DOMAIN>`, where HASH is the first 32 hex digits of SHA-256 over the post's
    /// identity and the lowercased recipient address.
    ///
    /// - Parameters:
    ///   - post: The post's identity, such as its permalink or feed entry id.
    ///   - recipient: The recipient's address; case does not matter.
    ///   - domain: The right-hand side, a domain the sender controls.
    public static func stable(post: String, recipient: String, domain: String) -> String {
        let digest = SHA256.hex(Array("\(post)\n\(EmailAddress.key(recipient))".utf8))
        return "<lwkd.\(digest.prefix(32))@\(domain)>"
    }
}
