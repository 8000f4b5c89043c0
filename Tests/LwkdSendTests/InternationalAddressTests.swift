import Foundation
import LwkdMail
import Testing

@testable import LwkdSend

/// International addresses (RFC 6531/6532, issue 16): `lwkdconv send` against aiosmtpd with
/// and without SMTPUTF8.
@Suite(.serialized) struct InternationalAddressTests {
    private typealias Child = SendCommandTests.Child

    private func arguments(_ server: SMTPTestServer) -> [String] {
        [
            "send", Repo.support + "/sample-post.md", "--list", "list.csv",
            "--smtp", "smtp://127.0.0.1:\(server.port)",
            "--from-address", "LWKD <news@lwkd.info>", "--journal", "j",
            "--retry-delay", "0.05", "--timeout", "10",
        ]
    }

    private func writeList(_ rows: [(String, String)], in dir: TemporaryDirectory) throws {
        let text = "email,name\n" + rows.map { "\($0.0),\($0.1)\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir.path + "/list.csv"))
    }

    /// With SMTPUTF8 offered, `chloé@exämple.com` goes as it is: `MAIL FROM:<…> SMTPUTF8`, the
    /// envelope and To header in UTF-8, the display name still an RFC 2047 encoded-word; Python's
    /// `email` (policy SMTPUTF8) reads the headers without a defect, and the DKIM signature over
    /// the UTF-8 headers verifies with dkimpy.
    @Test func utf8AddressesGoAsTheyAreWhenTheServerOffersSMTPUTF8() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server", smtputf8: true)
        defer { server.stop() }
        try writeList([("chloé@exämple.com", "Chloé"), ("ann@example.org", "Ann")], in: dir)
        let keygen = try Child(
            [
                "dkim", "keygen", "--selector", "s1", "--domain", "lwkd.info", "--type", "ed25519",
                "-o", "key.pem",
            ], in: dir.path
        ).wait()
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let record = keygen.stdout.split(separator: "\"").enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element).joined()
        let result = try Child(
            arguments(server) + ["--dkim-key", "key.pem", "--dkim-selector", "s1"], in: dir.path
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("invalid address"), "\(result.stderr)")
        let received = server.received()
        try #require(received.count == 2)
        let chloe = received[0]
        #expect(chloe.rcpt_tos == ["chloé@exämple.com"])
        #expect(chloe.mail_options?.contains("SMTPUTF8") == true, "\(chloe.mail_options ?? [])")
        #expect(
            chloe.utf8_to == [.init(addr_spec: "chloé@exämple.com", display_name: "Chloé")])
        // Python's address parser notes a non-ASCII local part whatever the policy
        // (`_header_value_parser.get_local_part`); that note is the only one allowed.
        #expect(chloe.defects == ["To:NonASCIILocalPartDefect"], "\(chloe.defects ?? [])")
        let text = String(decoding: server.contents(of: chloe), as: UTF8.self)
        #expect(text.contains("\r\nTo: =?UTF-8?B?Q2hsb8Op?= <chloé@exämple.com>\r\n"))
        // An ASCII recipient's copy needs no SMTPUTF8.
        #expect(received[1].rcpt_tos == ["ann@example.org"])
        #expect(received[1].mail_options?.contains("SMTPUTF8") == false)
        let files = received.map { dir.path + "/server/" + $0.file }
        guard let verified = try dkimpyVerdict(files, record: record) else {
            print("skipped: dkimpy verification (make test-deps installs dkimpy)")
            return
        }
        #expect(verified == "0", "dkimpy failed: \(verified)")
    }

    /// Without SMTPUTF8: a Unicode domain goes in its IDNA (punycode) form, in the envelope and
    /// the To header; a non-ASCII local part fails for that recipient alone, with the reason,
    /// and everyone else is sent.
    @Test func withoutSMTPUTF8DomainsArePunycodedAndUTF8LocalPartsFailAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(directory: dir.path + "/server")
        defer { server.stop() }
        try writeList(
            [
                ("ann@example.org", "Ann"), ("chloé@exämple.com", "Chloé"),
                ("chloe@exämple.com", "Chloé"), ("bob@example.org", ""),
            ], in: dir)
        let result = try Child(arguments(server), in: dir.path).wait()
        #expect(result.status == 8, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "lwkdconv: send: chloé@exämple.com: failed: the address's local part is not ASCII and the server does not offer SMTPUTF8 (RFC 6531)"
            ), "\(result.stderr)")
        #expect(result.stderr.contains("1 of 4 recipients failed"), "\(result.stderr)")
        #expect(result.stdout.contains("sent 3 (0 resent)"), "\(result.stdout)")
        let received = server.received()
        #expect(
            received.map(\.rcpt_tos)
                == [["ann@example.org"], ["chloe@xn--exmple-cua.com"], ["bob@example.org"]])
        #expect(received.allSatisfy { $0.mail_options?.contains("SMTPUTF8") == false })
        try #require(received.count == 3)
        #expect(received[1].to == "=?UTF-8?B?Q2hsb8Op?= <chloe@xn--exmple-cua.com>")
        let copy = String(decoding: server.contents(of: received[1]), as: UTF8.self)
        let head = copy.components(separatedBy: "\r\n\r\n")[0]
        let isASCII = head.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isASCII, "headers must be 7-bit: \(head)")
        // The journal says why, and a re-run tries only that recipient again.
        let journal = try String(contentsOfFile: dir.path + "/j", encoding: .utf8)
        #expect(journal.contains("\"unsent\""), "\(journal)")
    }
}
