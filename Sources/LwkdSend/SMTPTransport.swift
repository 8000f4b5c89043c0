import NIOCore
import NIOPosix
import NIOSSL

/// Hands messages to an SMTP relay over one reused connection, reconnecting when the server
/// drops it or answers 421.
public final class SMTPTransport: MailTransport {
    /// The relay's settings.
    public let settings: SMTPSettings
    private let group: any EventLoopGroup
    private let tlsContext: NIOSSLContext?
    private var session: SMTPSession?

    /// Creates a transport; nothing connects until the first message.
    ///
    /// - Throws: ``SendError/configuration(_:)`` when `--ca-file` cannot be read, so a bad
    ///   setting stops the run before anything is sent.
    public init(settings: SMTPSettings) throws(SendError) {
        self.settings = settings
        self.group = MultiThreadedEventLoopGroup.singleton
        self.tlsContext =
            settings.security == .none ? nil : try SMTPSession.makeTLSContext(settings)
    }

    deinit { close() }

    /// Checks the relay can be reached and logged into, then keeps the session for sending.
    public func connect() throws(SendError) {
        if session == nil {
            session = try SMTPSession.open(settings, tlsContext: tlsContext, group: group)
        }
    }

    /// Whether the relay offers SMTPUTF8 (RFC 6531), read from its EHLO reply; connects first
    /// when no session is open.
    public func acceptsUTF8() throws(SendError) -> Bool {
        try currentSession().offersSMTPUTF8
    }

    /// The open session, or a new one when there is none or the server closed it.
    private func currentSession() throws(SendError) -> SMTPSession {
        if let session, !session.isActive {
            // Closed while idle (a server timeout, or a 421 before closing): open a new one.
            session.abort()
            self.session = nil
        }
        if let session { return session }
        let opened = try SMTPSession.open(settings, tlsContext: tlsContext, group: group)
        session = opened
        return opened
    }

    public func deliver(_ message: [UInt8], envelope: Envelope) throws(SendError) -> String {
        let current = try currentSession()
        do {
            return try current.send(message, envelope: envelope).description
        } catch {
            if case .rejected(_, let reply) = error, reply.code != 421 {
                // RFC 5321 §4.1.1.5: RSET clears the failed transaction, the connection stays.
                do {
                    try current.reset()
                } catch {
                    drop()
                }
            } else {
                // 421 closes the session (RFC 5321 §3.8); anything else left it unusable.
                drop()
            }
            throw error
        }
    }

    public func close() {
        session?.quit()
        session = nil
    }

    private func drop() {
        session?.abort()
        session = nil
    }
}
