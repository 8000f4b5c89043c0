import Foundation
import LwkdMail
import LwkdModel
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection, driven synchronously from the sending thread: greeting, EHLO,
/// STARTTLS, AUTH, then any number of mail transactions.
final class SMTPSession {
    let settings: SMTPSettings
    private let channel: any Channel
    private let fate: SMTPConnectionFate
    private var capabilities: [String: String] = [:]
    private var isEncrypted: Bool

    private init(settings: SMTPSettings, channel: any Channel, fate: SMTPConnectionFate) {
        self.settings = settings
        self.channel = channel
        self.fate = fate
        self.isEncrypted = settings.security == .tls
    }

    /// Connects and runs everything up to a ready, authenticated session.
    static func open(
        _ settings: SMTPSettings, tlsContext: NIOSSLContext?, group: any EventLoopGroup
    ) throws(SendError) -> SMTPSession {
        let session = try connect(settings, tlsContext: tlsContext, group: group)
        do {
            try session.handshake(tlsContext: tlsContext)
        } catch {
            session.abort()
            throw error
        }
        return session
    }

    /// Opens the connection only: nothing is read from the server yet but by the event loop.
    static func connect(
        _ settings: SMTPSettings, tlsContext: NIOSSLContext?, group: any EventLoopGroup
    ) throws(SendError) -> SMTPSession {
        let sni = serverName(settings)
        let isImplicitTLS = settings.security == .tls
        let fate = SMTPConnectionFate()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(Int64(settings.timeout * 1e9)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if isImplicitTLS, let tlsContext {
                        try sync.addHandler(
                            NIOSSLClientHandler(context: tlsContext, serverHostname: sni))
                    }
                    try sync.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try sync.addHandler(SMTPClientHandler(fate: fate))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: settings.host, port: settings.port).wait()
        } catch {
            throw SendError.connect(
                endpoint: settings.endpoint, reason: connectReason(error, timeout: settings.timeout)
            )
        }
        return SMTPSession(settings: settings, channel: channel, fate: fate)
    }

    /// A plain connection on the shared event loops, for tests.
    static func connect(_ settings: SMTPSettings) throws(SendError) -> SMTPSession {
        try connect(settings, tlsContext: nil, group: MultiThreadedEventLoopGroup.singleton)
    }

    /// Waits until the connection has closed, for tests.
    func waitUntilClosed() throws { try channel.closeFuture.wait() }

    /// The TLS server name (SNI): none for an IP address.
    private static func serverName(_ settings: SMTPSettings) -> String? {
        isIPAddress(settings.host) ? nil : settings.host
    }

    /// Sends one message: MAIL FROM, RCPT TO, DATA; returns the final reply.
    ///
    /// When the server offers PIPELINING (RFC 2920), the three commands go as one group and
    /// their replies are read afterwards: one round trip instead of three.
    func send(_ message: [UInt8], envelope: Envelope) throws(SendError) -> SMTPReply {
        var mail = "MAIL FROM:<\(envelope.from)>"
        if SMTPData.has8Bit(message), capabilities["8BITMIME"] != nil { mail += " BODY=8BITMIME" }
        if envelope.isInternational || SMTPData.headerHas8Bit(message) {
            // RFC 6531 §3.4: UTF-8 addresses or headers go only with SMTPUTF8 on MAIL FROM.
            guard offersSMTPUTF8 else {
                throw SendError.address(
                    recipient: envelope.to,
                    reason: "the message needs SMTPUTF8 (RFC 6531), which \(settings.endpoint) does not offer")
            }
            mail += " SMTPUTF8"
        }
        let rcpt = "RCPT TO:<\(envelope.to)>"
        try Self.check(mail, label: "MAIL FROM")
        try Self.check(rcpt, label: "RCPT TO")
        let sender: SMTPReply
        let recipient: SMTPReply
        let data: SMTPReply
        if capabilities["PIPELINING"] != nil {
            // RFC 2920 §3.1: DATA ends the group; the replies come back in order.
            let pending = [
                submit(line: mail, label: "MAIL FROM", flush: false),
                submit(line: rcpt, label: "RCPT TO", flush: false),
                submit(line: "DATA", label: "DATA"),
            ]
            // Read all three before judging, so the first refusal is the one reported.
            let replies = pending.map { future in
                Result<SMTPReply, SendError> { () throws(SendError) in try self.reply(to: future) }
            }
            sender = try replies[0].get()
            if !sender.isPositive { try check(sender: sender, envelope: envelope) }
            recipient = try replies[1].get()
            data = try replies[2].get()
            if data.code == 354, !recipient.isPositive {
                // RFC 2920 §3.1: a DATA accepted after a refused RCPT gets an empty message.
                _ = try? request(Array(".\r\n".utf8), label: "the end of an empty message")
            }
            try expect(recipient, command: rcpt)
        } else {
            sender = try command(mail, label: "MAIL FROM")
            try check(sender: sender, envelope: envelope)
            recipient = try command(rcpt, label: "RCPT TO")
            try expect(recipient, command: rcpt)
            data = try command("DATA", label: "DATA")
        }
        guard data.code == 354 else { throw SendError.rejected(command: "DATA", reply: data) }
        let reply = try request(
            Array(SMTPData.encode(message)), label: "the end of the message data")
        guard reply.isPositive else {
            throw SendError.rejected(command: "the message", reply: reply)
        }
        return reply
    }

    private func check(sender: SMTPReply, envelope: Envelope) throws(SendError) {
        if sender.isPermanent {
            // No recipient can get a message from a refused sender: stop rather than fail all.
            throw SendError.refused(
                endpoint: settings.endpoint, what: "the sender <\(envelope.from)>", reply: sender)
        }
        try expect(sender, command: "MAIL FROM")
    }

    /// True when the server offers SMTPUTF8 (RFC 6531): UTF-8 addresses and headers.
    var offersSMTPUTF8: Bool { capabilities["SMTPUTF8"] != nil }

    /// False once the connection has closed (the server may drop an idle one).
    var isActive: Bool { channel.isActive }

    /// Clears a failed transaction (RSET).
    func reset() throws(SendError) {
        try expect(command("RSET", label: "RSET"), command: "RSET")
    }

    /// Says QUIT, waits briefly for the answer, and closes.
    func quit() {
        _ = try? request(Array("QUIT\r\n".utf8), label: "QUIT", timeout: min(settings.timeout, 5))
        abort()
    }

    /// Closes the connection without QUIT.
    func abort() {
        try? channel.close().wait()
    }

    // MARK: - Session set-up

    /// Greeting, EHLO, STARTTLS and AUTH.
    func handshake(tlsContext: NIOSSLContext?) throws(SendError) {
        let sni = Self.serverName(settings)
        let greeting = try request(nil, label: "the greeting")
        guard greeting.code == 220 else {
            if greeting.isPermanent {
                throw SendError.refused(
                    endpoint: settings.endpoint, what: "the session", reply: greeting)
            }
            throw SendError.rejected(command: "the connection (greeting)", reply: greeting)
        }
        try hello()
        if settings.security == .startTLS, let tlsContext {
            guard capabilities["STARTTLS"] != nil else {
                throw SendError.tls(
                    endpoint: settings.endpoint, reason: "the server does not offer STARTTLS")
            }
            let reply = try command("STARTTLS", label: "STARTTLS")
            guard reply.code == 220 else {
                throw SendError.tls(
                    endpoint: settings.endpoint, reason: "STARTTLS refused: \(reply)")
            }
            let done = channel.eventLoop.makePromise(of: Void.self)
            let written = channel.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenFailure { [fate] in
                done.fail(fate.explaining($0, label: "the TLS handshake"))
            }
            channel.writeAndFlush(
                SMTPRequest.startTLS(
                    context: tlsContext, serverHostname: sni, timeout: timeAmount(settings.timeout),
                    done: done),
                promise: written)
            do {
                try done.futureResult.wait()
            } catch {
                throw mapped(error)
            }
            isEncrypted = true
            // RFC 3207 §4.2: forget what the server said before TLS and ask again.
            try hello()
        }
        if let username = settings.username {
            try authenticate(username: username)
        }
    }

    private func hello() throws(SendError) {
        let ehlo = try command("EHLO \(settings.heloName)", label: "EHLO")
        capabilities = [:]
        if ehlo.code == 250 {
            for line in ehlo.lines.dropFirst() {
                let words = line.split(separator: " ", maxSplits: 1)
                guard let keyword = words.first else { continue }
                capabilities[keyword.uppercased()] = words.count > 1 ? String(words[1]) : ""
            }
            return
        }
        guard ehlo.isPermanent else { throw SendError.rejected(command: "EHLO", reply: ehlo) }
        // RFC 5321 §3.2: a server that does not know EHLO still knows HELO.
        let helo = try command("HELO \(settings.heloName)", label: "HELO")
        if helo.isPermanent {
            throw SendError.refused(
                endpoint: settings.endpoint, what: "HELO \(settings.heloName)", reply: helo)
        }
        try expect(helo, command: "HELO")
    }

    private func authenticate(username: String) throws(SendError) {
        guard isEncrypted else {
            throw SendError.configuration(
                "refusing to send the password to \(settings.endpoint) unencrypted; add --starttls or --tls"
            )
        }
        guard let password = settings.password else {
            throw SendError.configuration("a user name was given but no password")
        }
        let mechanisms = Set(
            (capabilities["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
        let reply: SMTPReply
        // Labels name the mechanism only: the credentials never reach a message.
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8)))
                .base64EncodedString()
            reply = try command("AUTH PLAIN \(token)", label: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            let first = try command("AUTH LOGIN", label: "AUTH LOGIN")
            guard first.code == 334 else { throw authFailure(first, username: username) }
            let second = try command(Data(username.utf8).base64EncodedString(), label: "AUTH LOGIN")
            guard second.code == 334 else { throw authFailure(second, username: username) }
            reply = try command(Data(password.utf8).base64EncodedString(), label: "AUTH LOGIN")
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: " ")
            throw SendError.configuration(
                "\(settings.endpoint) offers no AUTH PLAIN or LOGIN (offers: \(offered))")
        }
        guard reply.code == 235 else { throw authFailure(reply, username: username) }
    }

    private func authFailure(_ reply: SMTPReply, username: String) -> SendError {
        // 454 is a temporary failure (RFC 4954 §6); retrying may help.
        reply.isTransient
            ? SendError.rejected(command: "AUTH", reply: reply)
            : SendError.authentication(endpoint: settings.endpoint, user: username, reply: reply)
    }

    // MARK: - Requests

    private func command(_ line: String, label: String) throws(SendError) -> SMTPReply {
        try Self.check(line, label: label)
        return try request(Array((line + "\r\n").utf8), label: label)
    }

    /// Refuses a command line with a CR, LF or other control character: one in an argument
    /// (an EHLO name, an address) would end the command and start another of its choosing.
    static func check(_ line: String, label: String) throws(SendError) {
        if let problem = MIMEHeader.valueProblem(line) {
            throw SendError.configuration(
                "\(label) command '\(line.escapingControls)' refused: \(problem)")
        }
    }

    private func expect(_ reply: SMTPReply, command: String) throws(SendError) {
        guard reply.isPositive else { throw SendError.rejected(command: command, reply: reply) }
    }

    private func request(_ bytes: [UInt8]?, label: String, timeout: Double? = nil) throws(SendError)
        -> SMTPReply
    {
        try reply(to: submit(bytes, label: label, timeout: timeout))
    }

    private func submit(line: String, label: String, flush: Bool = true)
        -> EventLoopFuture<SMTPReply>
    {
        submit(Array((line + "\r\n").utf8), label: label, flush: flush)
    }

    /// Queues a command (or, with nil, the wait for the greeting) without waiting for its reply.
    private func submit(
        _ bytes: [UInt8]?, label: String, timeout: Double? = nil, flush: Bool = true
    )
        -> EventLoopFuture<SMTPReply>
    {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let buffer = bytes.map { ByteBuffer(bytes: $0) }
        // A write that never reaches the handler (the channel closed meanwhile) must still end
        // the wait, told as what closed the channel; failing a completed promise does nothing.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { [fate] in
            promise.fail(fate.explaining($0, label: label))
        }
        let request = SMTPRequest.command(
            bytes: buffer, label: label, timeout: timeAmount(timeout ?? settings.timeout),
            reply: promise)
        if flush {
            channel.writeAndFlush(request, promise: written)
        } else {
            channel.write(request, promise: written)
        }
        return promise.futureResult
    }

    private func reply(to future: EventLoopFuture<SMTPReply>) throws(SendError) -> SMTPReply {
        do {
            return try future.wait()
        } catch {
            throw mapped(error)
        }
    }

    private func timeAmount(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64(seconds * 1e9)) }

    private func mapped(_ error: any Error) -> SendError {
        let endpoint = settings.endpoint
        guard let error = error as? SMTPChannelError else {
            return .connectionClosed(endpoint: endpoint, during: "a command (\(error))")
        }
        switch error {
        case .timeout(let label, let seconds):
            return .timeout(endpoint: endpoint, waitingFor: label, seconds: seconds)
        case .closed(let label): return .connectionClosed(endpoint: endpoint, during: label)
        case .failure(let underlying, let label):
            if let malformed = underlying as? SMTPReplyDecoder.MalformedReply {
                return .protocolViolation(endpoint: endpoint, detail: malformed.description)
            }
            if let tls = underlying as? NIOSSLError {
                if case .uncleanShutdown = tls {
                    return .connectionClosed(endpoint: endpoint, during: label)
                }
                return .tls(endpoint: endpoint, reason: SMTPSession.tlsReason(tls))
            }
            if let extra = underlying as? NIOSSLExtraError {
                if extra == .failedToValidateHostname {
                    return .tls(
                        endpoint: endpoint,
                        reason: "the server's certificate is not valid for \(settings.host)")
                }
                return .tls(endpoint: endpoint, reason: "\(extra)")
            }
            if let channel = underlying as? ChannelError,
                channel == .ioOnClosedChannel || channel == .alreadyClosed
            {
                return .connectionClosed(endpoint: endpoint, during: label)
            }
            if let io = underlying as? IOError {
                return .connectionClosed(
                    endpoint: endpoint, during: "\(label) (\(SMTPSession.errnoText(io.errnoCode)))")
            }
            return .connectionClosed(endpoint: endpoint, during: "\(label) (\(underlying))")
        }
    }

    // MARK: - Helpers

    /// The TLS client context: full certificate verification, TLS 1.2 or later, the system's
    /// CAs plus those in `--ca-file`.
    static func makeTLSContext(_ settings: SMTPSettings) throws(SendError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw SendError.configuration(
                    "--ca-file \(caFile): cannot read PEM certificates (\(FileManager.default.fileExists(atPath: caFile) ? "not PEM" : "no such file"))"
                )
            }
            guard !certificates.isEmpty else {
                throw SendError.configuration("--ca-file \(caFile): no certificates in it")
            }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SendError.tls(endpoint: settings.endpoint, reason: "cannot set up TLS: \(error)")
        }
    }

    private static func tlsReason(_ error: NIOSSLError) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not trusted (for a private CA, pass --ca-file)"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
            return "the server did not answer with TLS (is it a STARTTLS port? try --starttls)"
        }
        return "handshake failed: \(text)"
    }

    private static func connectReason(_ error: any Error, timeout: Double) -> String {
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "cannot resolve the host name"
            }
            if let first = error.connectionErrors.first {
                return connectReason(first.error, timeout: timeout)
            }
            return "no address to connect to"
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "no answer within \(Int(timeout)) s"
        }
        if let error = error as? IOError { return errnoText(error.errnoCode) }
        return "\(error)"
    }

    private static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
