import Foundation
import LwkdMail
import Testing

@testable import LwkdSend

/// Delivery to a real SMTP server (aiosmtpd, Support/smtp_server.py) on 127.0.0.1.
@Suite(.serialized) struct SMTPTransportTests {
    private static let user = "lwkd"
    private static let password = "s3cret-Pa55"

    private func settings(
        _ server: SMTPTestServer, security: SMTPSettings.Security = .startTLS,
        password: String = password, timeout: Double = 10
    ) -> SMTPSettings {
        SMTPSettings(
            host: "127.0.0.1", port: server.port, security: security, username: Self.user,
            password: password,
            caFile: server.caFile, timeout: timeout, heloName: "lwkd.info")
    }

    private func run(
        _ recipients: [Recipient], transport: any MailTransport, journal: Journal?,
        attempts: Int = 5,
        events: ((Mailer.Event) -> Void)? = nil
    ) -> SendSummary {
        let options = Mailer.Options(
            post: "https://lwkd.info/2026/2026-11-15-update", envelopeFrom: "news@lwkd.info",
            messageIDDomain: "lwkd.info",
            retry: RetryPolicy(maxAttempts: attempts, initialDelay: 0.05, maxDelay: 0.2))
        let mailer = Mailer(
            transport: transport, journal: journal, options: options, report: events ?? { _ in })
        return mailer.run(recipients, build: testMessage)
    }

    /// Each recipient received exactly once, with the Message-ID the mailer gave it.
    private func expectEachReceivedOnce(
        _ recipients: [Recipient], by server: SMTPTestServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let received = server.received()
        var byRecipient: [String: [SMTPTestServer.Received]] = [:]
        for message in received {
            byRecipient[message.rcpt_tos.joined(separator: ","), default: []].append(message)
        }
        #expect(received.count == recipients.count, sourceLocation: sourceLocation)
        for recipient in recipients {
            let copies = byRecipient[recipient.email] ?? []
            #expect(
                copies.count == 1, "\(recipient.email) received \(copies.count) copies",
                sourceLocation: sourceLocation)
            let expected = MessageID.stable(
                post: "https://lwkd.info/2026/2026-11-15-update", recipient: recipient.email,
                domain: "lwkd.info")
            #expect(copies.first?.message_id == expected, sourceLocation: sourceLocation)
        }
    }

    @Test func delivers200RecipientsExactlyOnceOverSTARTTLSWithAuth() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: Self.user,
            password: Self.password)
        defer { server.stop() }
        let recipients = testRecipients(200)
        let journal = try Journal(path: dir.path + "/send.journal")
        let summary = run(
            recipients, transport: try SMTPTransport(settings: settings(server)), journal: journal)
        #expect(summary.isComplete)
        #expect(
            summary.sent == 200 && summary.failed == 0 && summary.retries == 0
                && summary.resent == 0)
        expectEachReceivedOnce(recipients, by: server)
        let received = server.received()
        #expect(
            received.allSatisfy {
                $0.tls && $0.login == Self.user && $0.mail_from == "news@lwkd.info"
            })
        // This server does not offer PIPELINING, so each command waited for its reply.
        #expect(received.allSatisfy { !$0.pipelined })
        // The body arrives exactly as built: dot-stuffing undone by the server.
        let first = try #require(received.first)
        let body = String(decoding: server.contents(of: first), as: UTF8.self)
        #expect(body.hasSuffix("\r\n.a line that starts with a dot\r\n.\r\n..\r\nlast line\r\n"))
    }

    @Test func aRerunWithTheSameJournalSkipsEveryoneAccepted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server")
        defer { server.stop() }
        let recipients = testRecipients(20)
        let plain = SMTPSettings(
            host: "127.0.0.1", port: server.port, timeout: 10, heloName: "lwkd.info")
        do {
            let summary = run(
                Array(recipients.prefix(12)), transport: try SMTPTransport(settings: plain),
                journal: try Journal(path: dir.path + "/j"))
            #expect(summary.sent == 12)
        }
        let summary = run(
            recipients, transport: try SMTPTransport(settings: plain),
            journal: try Journal(path: dir.path + "/j"))
        #expect(summary.skipped == 12 && summary.sent == 8 && summary.isComplete)
        expectEachReceivedOnce(recipients, by: server)
    }

    @Test func survives421EveryFiftiethMessageAndADroppedConnection() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // DATA number 50, 100, … gets 421; DATA number 77 loses its connection before the reply.
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: Self.user,
            password: Self.password, failEvery: 50, dropAt: 77)
        defer { server.stop() }
        let recipients = testRecipients(200)
        var retried: [String] = []
        let summary = run(
            recipients, transport: try SMTPTransport(settings: settings(server)),
            journal: try Journal(path: dir.path + "/j")
        ) { event in
            if case .retrying(_, let error, _, _) = event { retried.append(error.description) }
        }
        #expect(summary.isComplete)
        #expect(summary.sent == 200)
        // 421s at DATA 50, 100, 150, 200 and one dropped connection: 5 retries.
        #expect(summary.retries == 5)
        #expect(retried.filter { $0.contains("421") }.count == 4)
        #expect(
            retried.filter {
                $0.contains("closed the connection during the end of the message data")
            }.count == 1)
        expectEachReceivedOnce(recipients, by: server)
    }

    @Test func pipelinesWhenTheServerOffersItThroughFaults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: Self.user,
            password: Self.password, failEvery: 50, dropAt: 77, refuse: "nobody@example.org",
            pipelining: true)
        defer { server.stop() }
        var recipients = testRecipients(200)
        recipients.insert(Recipient(email: "nobody@example.org", line: 999), at: 10)
        var failures: [String] = []
        let summary = run(
            recipients, transport: try SMTPTransport(settings: settings(server)),
            journal: try Journal(path: dir.path + "/j")
        ) { event in
            if case .failed(_, let error) = event { failures.append(error.description) }
        }
        #expect(summary.sent == 200 && summary.failed == 1 && summary.retries == 5)
        #expect(
            failures == [
                "server refused RCPT TO:<nobody@example.org>: 550 5.1.1 <nobody@example.org>: no such user (test fault)"
            ])
        expectEachReceivedOnce(
            Array(recipients.filter { $0.email != "nobody@example.org" }), by: server)
        #expect(server.received().allSatisfy { $0.pipelined })
    }

    @Test func implicitTLSWorks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", implicitTLS: true, user: Self.user,
            password: Self.password)
        defer { server.stop() }
        let recipients = testRecipients(3)
        let summary = run(
            recipients, transport: try SMTPTransport(settings: settings(server, security: .tls)),
            journal: nil)
        #expect(summary.isComplete && summary.sent == 3)
        #expect(server.received().allSatisfy { $0.tls })
    }

    @Test func aWrongPasswordStopsTheRunAndIsNeverShown() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: Self.user,
            password: Self.password)
        defer { server.stop() }
        let wrong = "wrong-Pa55word"
        let journalPath = dir.path + "/j"
        let summary = run(
            testRecipients(5),
            transport: try SMTPTransport(settings: settings(server, password: wrong)),
            journal: try Journal(path: journalPath))
        let error = try #require(summary.stoppedBy)
        #expect(
            error.description.hasPrefix(
                "127.0.0.1:\(server.port) refused the login for user 'lwkd': 535"))
        #expect(summary.failed == 0 && summary.notSent == 5 && summary.retries == 0)
        let journalText = try String(contentsOfFile: journalPath, encoding: .utf8)
        // Nothing reached the server: a re-run will not count the first recipient as resent.
        #expect(try Journal(path: journalPath).previous.isEmpty)
        for secret in [wrong, Self.password] {
            #expect(!error.description.contains(secret))
            #expect(!journalText.contains(secret))
            #expect(!journalText.contains(Data(secret.utf8).base64EncodedString()))
        }
        #expect(server.received().isEmpty)
    }

    @Test func anUntrustedCertificateIsAClearTLSFailure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server", starttls: true)
        defer { server.stop() }
        var untrusted = settings(server)
        untrusted.caFile = nil
        untrusted.username = nil
        let summary = run(
            testRecipients(2), transport: try SMTPTransport(settings: untrusted), journal: nil)
        #expect(
            summary.stoppedBy?.description
                == "TLS with 127.0.0.1:\(server.port) failed: the server's certificate is not trusted (for a private CA, pass --ca-file)"
        )
        #expect(server.received().isEmpty)
    }

    @Test func anUnreadableCAFileIsRefusedBeforeConnecting() {
        var bad = SMTPSettings(
            host: "127.0.0.1", port: 25, security: .startTLS, caFile: "/nonexistent/ca.pem")
        #expect(
            throws: SendError.configuration(
                "--ca-file /nonexistent/ca.pem: cannot read PEM certificates (no such file)")
        ) {
            _ = try SMTPTransport(settings: bad)
        }
        bad.caFile = Repo.support + "/sample-post.md"
        #expect(throws: SendError.self) { _ = try SMTPTransport(settings: bad) }
    }

    @Test func passwordsAreNotSentUnencrypted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server")
        defer { server.stop() }
        let summary = run(
            testRecipients(1),
            transport: try SMTPTransport(settings: settings(server, security: .none)), journal: nil)
        #expect(
            summary.stoppedBy?.description
                == "refusing to send the password to 127.0.0.1:\(server.port) unencrypted; add --starttls or --tls"
        )
    }

    @Test func anUnreachableServerStopsAfterItsRetries() throws {
        let port = try closedPort()
        let transport = try SMTPTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: port, timeout: 5))
        let summary = run(testRecipients(3), transport: transport, journal: nil, attempts: 2)
        #expect(
            summary.stoppedBy?.description
                == "cannot connect to 127.0.0.1:\(port): connection refused")
        #expect(summary.retries == 1 && summary.failed == 0 && summary.notSent == 3)
    }

    @Test func aServerThatNeverGreetsTimesOut() throws {
        let listener = try SilentListener()
        let transport = try SMTPTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: listener.port, timeout: 0.5))
        let summary = run(testRecipients(2), transport: transport, journal: nil, attempts: 2)
        #expect(
            summary.stoppedBy?.description
                == "127.0.0.1:\(listener.port) did not answer the greeting within 0.5 s")
        #expect(summary.sent == 0 && summary.retries == 1)
    }

    @Test func aServerThatHangsAfterTheDataIsRetried() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server", hangAt: 2)
        defer { server.stop() }
        let recipients = testRecipients(3)
        let plain = SMTPSettings(
            host: "127.0.0.1", port: server.port, timeout: 3, heloName: "lwkd.info")
        var retried: [String] = []
        let summary = run(recipients, transport: try SMTPTransport(settings: plain), journal: nil) {
            event in
            if case .retrying(_, let error, _, _) = event { retried.append(error.description) }
        }
        #expect(summary.isComplete && summary.retries == 1)
        #expect(
            retried == [
                "127.0.0.1:\(server.port) did not answer the end of the message data within 3 s"
            ])
        expectEachReceivedOnce(recipients, by: server)
    }

    @Test func aConnectionClosedWhileIdleIsReopened() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server", idleTimeout: 0.2)
        defer { server.stop() }
        let recipients = testRecipients(3)
        let options = Mailer.Options(
            post: "https://lwkd.info/2026/2026-11-15-update", envelopeFrom: "news@lwkd.info",
            messageIDDomain: "lwkd.info",
            rate: 2, retry: RetryPolicy(maxAttempts: 3, initialDelay: 0.05))
        let transport = try SMTPTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: server.port, timeout: 10))
        // At 2 messages a second the server's 0.2 s idle timeout closes each connection first.
        let summary = Mailer(transport: transport, journal: nil, options: options).run(
            recipients, build: testMessage)
        #expect(summary.isComplete && summary.sent == 3)
        expectEachReceivedOnce(recipients, by: server)
    }

    @Test func aRefusedSenderStopsTheRunAtOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server", refuse: "news@lwkd.info")
        defer { server.stop() }
        let transport = try SMTPTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: server.port, timeout: 10))
        let summary = run(testRecipients(4), transport: transport, journal: nil)
        #expect(
            summary.stoppedBy?.description
                == "127.0.0.1:\(server.port) refused the sender <news@lwkd.info>: 553 5.7.1 <news@lwkd.info>: sender refused (test fault)"
        )
        #expect(summary.notSent == 4 && summary.failed == 0 && summary.retries == 0)
    }

    @Test func aRefusedRecipientFailsAndTheRestGoOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", refuse: "nobody@example.org")
        defer { server.stop() }
        var recipients = testRecipients(3)
        recipients.insert(Recipient(email: "nobody@example.org", line: 9), at: 1)
        let summary = run(
            recipients,
            transport: try SMTPTransport(
                settings: SMTPSettings(host: "127.0.0.1", port: server.port, timeout: 10)),
            journal: nil)
        #expect(
            summary.sent == 3 && summary.failed == 1 && summary.stoppedBy == nil
                && !summary.isComplete)
        #expect(summary.retries == 0)
        #expect(
            server.received().map(\.rcpt_tos) == [
                ["user000@example.org"], ["user001@example.org"], ["user002@example.org"],
            ])
    }
}
