/// Everything that can go wrong while sending, each with a one-line message.
///
/// Messages start lowercase, have no trailing period and never contain a password: the
/// credentials are only ever written to the socket.
public enum SendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The subscriber list cannot be used at all (missing file, no `email` column).
    case list(path: String, line: Int?, message: String)
    /// The journal cannot be opened, read or appended to.
    case journal(path: String, message: String)
    /// No TCP connection could be made.
    case connect(endpoint: String, reason: String)
    /// The server did not answer in time.
    case timeout(endpoint: String, waitingFor: String, seconds: Double)
    /// The server closed the connection.
    case connectionClosed(endpoint: String, during: String)
    /// TLS could not be set up (certificate not trusted, handshake failed, no STARTTLS).
    case tls(endpoint: String, reason: String)
    /// The server refused the credentials.
    case authentication(endpoint: String, user: String, reply: SMTPReply)
    /// The server refused a command; 4xx replies are transient, 5xx permanent.
    case rejected(command: String, reply: SMTPReply)
    /// The server refused, for good, something every message needs: the session (greeting,
    /// HELO) or the sender (MAIL FROM).
    case refused(endpoint: String, what: String, reply: SMTPReply)
    /// The server broke the protocol (an unparsable reply).
    case protocolViolation(endpoint: String, detail: String)
    /// A setting cannot work (an unsupported option, no password for AUTH).
    case configuration(String)
    /// The message for a recipient could not be built.
    case message(recipient: String, reason: String)
    /// One recipient's address cannot go through this server (a non-ASCII local part, and no
    /// SMTPUTF8); the other recipients are not affected.
    case address(recipient: String, reason: String)
    /// The sendmail program failed.
    case sendmail(program: String, reason: String, isTransient: Bool)
    /// A dry-run file could not be written.
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case .list(let path, let line, let message):
            return line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
        case .journal(let path, let message): return "journal \(path): \(message)"
        case .connect(let endpoint, let reason): return "cannot connect to \(endpoint): \(reason)"
        case .timeout(let endpoint, let waitingFor, let seconds):
            return "\(endpoint) did not answer \(waitingFor) within \(Self.seconds(seconds))"
        case .connectionClosed(let endpoint, let during):
            return "\(endpoint) closed the connection during \(during)"
        case .tls(let endpoint, let reason): return "TLS with \(endpoint) failed: \(reason)"
        case .authentication(let endpoint, let user, let reply):
            return "\(endpoint) refused the login for user '\(user)': \(reply)"
        case .rejected(let command, let reply): return "server refused \(command): \(reply)"
        case .refused(let endpoint, let what, let reply):
            return "\(endpoint) refused \(what): \(reply)"
        case .protocolViolation(let endpoint, let detail):
            return "\(endpoint) broke the SMTP protocol: \(detail)"
        case .configuration(let message): return message
        case .message(let recipient, let reason):
            return "cannot build the message for \(recipient): \(reason)"
        case .address(_, let reason): return reason
        case .sendmail(let program, let reason, _): return "\(program): \(reason)"
        case .output(let path, let reason): return "\(path): \(reason)"
        }
    }

    /// True when trying again later may succeed (4xx, timeouts, dropped connections).
    public var isTransient: Bool {
        switch self {
        case .connect, .timeout, .connectionClosed, .protocolViolation: return true
        case .rejected(_, let reply): return reply.isTransient
        case .sendmail(_, _, let isTransient): return isTransient
        case .list, .journal, .tls, .authentication, .configuration, .message, .output, .refused,
            .address:
            return false
        }
    }

    /// True when the error concerns the whole run rather than one recipient: no later
    /// recipient can succeed either, so the run stops.
    public var stopsRun: Bool {
        switch self {
        case .list, .journal, .tls, .authentication, .configuration, .message, .output, .refused:
            return true
        case .connect, .timeout, .connectionClosed, .protocolViolation, .rejected, .sendmail,
            .address:
            return false
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
