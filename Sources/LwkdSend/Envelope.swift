/// The SMTP envelope of one message: who it is from (MAIL FROM) and to (RCPT TO).
public struct Envelope: Hashable, Sendable {
    /// The bare sender address, such as `news@lwkd.info`.
    public var from: String
    /// The bare recipient address.
    public var to: String

    /// Creates an envelope.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Hands messages over to a mail system: an SMTP relay, `sendmail`, or a directory.
///
/// A transport is used from one thread at a time and keeps whatever connection it needs
/// between messages.
public protocol MailTransport: AnyObject {
    /// Hands one message over and returns the receiving side's confirmation, such as the
    /// server's `250` reply.
    ///
    /// - Throws: ``SendError``; ``SendError/isTransient`` tells whether trying again may help.
    func deliver(_ message: [UInt8], envelope: Envelope) throws(SendError) -> String
    /// Ends the session politely (QUIT) and releases the connection.
    func close()
}
