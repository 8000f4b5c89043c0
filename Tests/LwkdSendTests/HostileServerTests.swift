import Foundation
import LwkdMail
import Testing

@testable import LwkdSend

/// Support/hostile_smtp.py running on 127.0.0.1 in a child process: a server that breaks
/// RFC 5321 on purpose. It stops when this object is stopped or released.
final class HostileSMTPServer {
    let port: Int
    private let script: SupportScript

    init(mode: String) throws {
        script = try SupportScript(
            [Repo.support + "/hostile_smtp.py", "--mode", mode, "--max-seconds", "60"],
            name: "hostile_smtp.py")
        port = script.port
    }

    func stop() { script.stop() }
}

/// This process's peak resident memory so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// A server that never ends a reply must not grow memory: every reply has a line and a total
/// size limit (issue 15, item 3).
@Suite(.serialized) struct HostileServerTests {
    @Test(arguments: [
        ("endless-greeting", "reply longer than 65536 bytes"),
        ("endless-ehlo", "reply longer than 65536 bytes"),
        ("endless-line", "reply line longer than 8192 bytes"),
    ])
    func anEndlessReplyIsAProtocolViolation(mode: String, detail: String) throws {
        let server = try HostileSMTPServer(mode: mode)
        defer { server.stop() }
        let before = peakResidentBytes()
        let transport = try SMTPTransport(
            settings: SMTPSettings(
                host: "127.0.0.1", port: server.port, timeout: 5, heloName: "lwkd.info"))
        let options = Mailer.Options(
            post: "https://lwkd.info/2026/2026-11-15-update", envelopeFrom: "news@lwkd.info",
            messageIDDomain: "lwkd.info",
            retry: RetryPolicy(maxAttempts: 2, initialDelay: 0.05, maxDelay: 0.1))
        var errors: [String] = []
        let clock = ContinuousClock()
        let start = clock.now
        let mailer = Mailer(transport: transport, journal: nil, options: options, report: {
            (event: Mailer.Event) in
            switch event {
            case .retrying(_, let error, _, _), .failed(_, let error):
                errors.append(error.description)
            default: break
            }
        })
        let summary = mailer.run(testRecipients(1), build: testMessage)
        let elapsed = clock.now - start
        #expect(summary.sent == 0 && !summary.isComplete)
        let expected = "127.0.0.1:\(server.port) broke the SMTP protocol: \(detail)"
        let reported = errors + [summary.stoppedBy?.description].compactMap { $0 }
        // Every attempt ends on the limit: never on the close the limit caused, never a
        // timeout, never unbounded memory.
        #expect(!reported.isEmpty && reported.allSatisfy { $0 == expected }, "\(reported)")
        // Both attempts end on the limit, not on the 5-second timeout.
        #expect(elapsed < .seconds(4))
        #expect(peakResidentBytes() - before < 64 << 20)
    }
}

/// The limit error wins over the close it causes, however late the sending thread asks
/// (issue 15, item 3: the race behind an intermittent failure under load).
@Suite(.serialized) struct SMTPErrorOrderTests {
    @Test func aRequestWrittenAfterTheLimitClosedTheConnectionReportsTheLimit() throws {
        let server = try HostileSMTPServer(mode: "endless-line")
        defer { server.stop() }
        let settings = SMTPSettings(
            host: "127.0.0.1", port: server.port, timeout: 5, heloName: "lwkd.info")
        let session = try SMTPSession.connect(settings)
        // The event loop reads the endless line, hits the limit and closes the connection
        // before the greeting is even asked for: the order a loaded machine produces.
        try session.waitUntilClosed()
        let error = #expect(throws: SendError.self) { try session.handshake(tlsContext: nil) }
        #expect(
            error?.description
                == "127.0.0.1:\(server.port) broke the SMTP protocol: reply line longer than 8192 bytes"
        )
    }
}

/// A CR LF in an SMTP command argument would start a command of its own; the session refuses
/// the command before a byte of it is written (issue 15, item 6).
@Suite(.serialized) struct SMTPCommandInjectionTests {
    private func run(_ settings: SMTPSettings, _ recipients: [Recipient]) throws -> SendSummary {
        let options = Mailer.Options(
            post: "https://lwkd.info/2026/2026-11-15-update", envelopeFrom: "news@lwkd.info",
            messageIDDomain: "lwkd.info", retry: RetryPolicy(maxAttempts: 1))
        return Mailer(
            transport: try SMTPTransport(settings: settings), journal: nil, options: options
        ).run(recipients, build: testMessage)
    }

    @Test func aLineBreakInTheEHLONameIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server")
        defer { server.stop() }
        let summary = try run(
            SMTPSettings(
                host: "127.0.0.1", port: server.port, timeout: 10,
                heloName: "lwkd.info\r\nMAIL FROM:<x@evil.example>\r\nRCPT TO:<victim@evil.example>"),
            testRecipients(2))
        #expect(
            summary.stoppedBy?.description
                == #"EHLO command 'EHLO lwkd.info\r\nMAIL FROM:<x@evil.example>\r\nRCPT TO:<victim@evil.example>' refused: it holds a line break (CR or LF)"#
        )
        #expect(summary.sent == 0)
        #expect(server.received().isEmpty)
    }

    @Test func aLineBreakInARecipientIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server")
        defer { server.stop() }
        let summary = try run(
            SMTPSettings(host: "127.0.0.1", port: server.port, timeout: 10, heloName: "lwkd.info"),
            [Recipient(email: "a@example.org>\r\nRCPT TO:<victim@evil.example", line: 2)])
        #expect(summary.sent == 0)
        #expect(summary.stoppedBy?.description.hasPrefix("RCPT TO command") == true)
        #expect(server.received().isEmpty)
    }
}
