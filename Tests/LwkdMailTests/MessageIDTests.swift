import LwkdMail
import LwkdModel
import LwkdSend
import LwkdWriters
import Testing

@Suite struct MessageIDTests {
    static let post = "https://lwkd.info/2026/2026-11-15-update"

    @Test func isAKnownFunctionOfPostAndRecipient() {
        // hashlib.sha256(b"https://lwkd.info/2026/2026-11-15-update\nann@example.org")
        // .hexdigest()[:32] in Python: the scheme `send` journals have always used.
        #expect(
            MessageID.stable(post: Self.post, recipient: "ann@example.org", domain: "lwkd.info")
                == "<lwkd.db04ec2e624f72b1a7a67a116245f63f@lwkd.info>")
    }

    @Test func ignoresCaseAndDisplayNameButNotPostOrAddress() {
        let id = MessageID.stable(
            post: Self.post, recipient: "ann@example.org", domain: "lwkd.info")
        for same in ["Ann@Example.ORG", "Ann Lee <ann@example.org>", " ann@example.org "] {
            #expect(MessageID.stable(post: Self.post, recipient: same, domain: "lwkd.info") == id)
        }
        #expect(
            MessageID.stable(
                post: "https://lwkd.info/2026/2026-11-22-update", recipient: "ann@example.org",
                domain: "lwkd.info") != id)
        #expect(
            MessageID.stable(post: Self.post, recipient: "bob@example.org", domain: "lwkd.info")
                != id)
    }

    @Test func bracketsAGivenID() {
        #expect(MessageID.bracketed("x@y.example") == "<x@y.example>")
        #expect(MessageID.bracketed(" <x@y.example> ") == "<x@y.example>")
    }

    /// `--to eml --to-address A` and `send` to A give the same post the same Message-ID.
    @Test(arguments: [
        ("Ann Lee <Ann@Example.org>", "ann@example.org"),
        ("subscribers@lwkd.info", "subscribers@lwkd.info"),
    ])
    func emlWriterAndMailerAgree(toAddress: String, recipient: String) throws {
        let document = Document(
            meta: Meta(entries: [
                MetaEntry(key: "title", value: .string(value: "Week Ending November 15, 2026")),
                MetaEntry(key: "date", value: .string(value: "2026-11-18 05:00:00 -0000")),
                MetaEntry(key: "slug", value: .string(value: "2026-11-15-update")),
            ]),
            blocks: [.paragraph(content: [.text(text: "Hello.")])])
        let context = WriteContext()
        let eml = try EMLWriter(fromAddress: "LWKD <news@LWKD.info>", toAddress: toAddress)
            .write(document, in: context)
        let text = String(decoding: eml.bytes, as: UTF8.self)
        let header = try #require(
            text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") })

        // What `lwkdconv send` computes for the same post and recipient.
        let facts = PostFacts.quiet(document, site: context.site)
        let post = try #require(facts.mailIdentity)
        #expect(post == Self.post)
        let mailer = Mailer(
            transport: NoTransport(), journal: nil,
            options: Mailer.Options(
                post: post, envelopeFrom: "news@lwkd.info", messageIDDomain: "lwkd.info"))
        let sent = mailer.messageID(for: Recipient(email: recipient))
        #expect(header == "Message-ID: " + sent)
        #expect(sent == MessageID.stable(post: post, recipient: recipient, domain: "lwkd.info"))
    }
}

/// A transport the Message-ID test never uses.
private final class NoTransport: MailTransport {
    func deliver(_ message: [UInt8], envelope: Envelope) throws(SendError) -> String { "250 ok" }
    func close() {}
}
