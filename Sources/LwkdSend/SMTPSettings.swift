/// Where and how to reach the SMTP relay.
public struct SMTPSettings: Sendable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Plain TCP (no AUTH is attempted over it).
        case none
        /// Plain TCP upgraded with STARTTLS (RFC 3207); refused if the server does not offer it.
        case startTLS
        /// TLS from the first byte (RFC 8314 implicit TLS, usually port 465).
        case tls
    }

    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// Connection protection.
    public var security: Security
    /// User name for AUTH, if any.
    public var username: String?
    /// Password for AUTH; never printed.
    public var password: String?
    /// A PEM file of extra CA certificates to trust (for private relays).
    public var caFile: String?
    /// Seconds to wait for the connection and for each reply.
    public var timeout: Double
    /// The name given in EHLO.
    public var heloName: String

    /// Creates settings.
    public init(
        host: String, port: Int, security: Security = .none, username: String? = nil,
        password: String? = nil, caFile: String? = nil, timeout: Double = 60,
        heloName: String = "localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
        self.heloName = heloName
    }

    /// `host:port`, for messages.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `smtp://HOST[:PORT]` (port 25 by default) or `smtps://HOST[:PORT]` (implicit TLS,
    /// port 465 by default); returns the host, port and whether the scheme asks for TLS.
    public static func parseURL(_ url: String) -> (host: String, port: Int, isImplicitTLS: Bool)? {
        let isTLS: Bool
        var rest: Substring
        if url.lowercased().hasPrefix("smtp://") {
            isTLS = false
            rest = url.dropFirst(7)
        } else if url.lowercased().hasPrefix("smtps://") {
            isTLS = true
            rest = url.dropFirst(8)
        } else {
            return nil
        }
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@") else { return nil }
        var host = rest
        var port = isTLS ? 465 : 25
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { return nil }
                port = p
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            guard let p = Int(rest[rest.index(after: colon)...]) else { return nil }
            port = p
        }
        guard !host.isEmpty, (1...65535).contains(port) else { return nil }
        return (String(host), port, isTLS)
    }
}
