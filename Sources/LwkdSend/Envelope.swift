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
    /// True when the receiving side takes UTF-8 addresses and headers as they are (RFC 6531
    /// SMTPUTF8); false when they must be sent in ASCII (an IDNA domain), or not at all (a
    /// non-ASCII local part). Asked only for messages with a non-ASCII address; may connect.
    func acceptsUTF8() throws(SendError) -> Bool
    /// Ends the session politely (QUIT) and releases the connection.
    func close()
}

extension MailTransport {
    /// False: a transport that cannot tell takes ASCII addresses only.
    public func acceptsUTF8() throws(SendError) -> Bool { false }
}

extension Envelope {
    /// True when either address is not ASCII (it then needs SMTPUTF8, RFC 6531 §3.4).
    public var isInternational: Bool {
        !(from + to).unicodeScalars.allSatisfy(\.isASCII)
    }
}
