import LwkdMail
import Testing

@Suite struct MailAddressTests {
    @Test(
        arguments: [
            ("news@lwkd.info", nil, "news@lwkd.info"),
            ("  news@lwkd.info\n", nil, "news@lwkd.info"),
            ("LWKD <news@lwkd.info>", "LWKD", "news@lwkd.info"),
            ("Last Week in K8s Dev < news@lwkd.info >", "Last Week in K8s Dev", "news@lwkd.info"),
            ("<news@lwkd.info>", nil, "news@lwkd.info"),
            ("\"Smith, Ann\" <ann@example.org>", "Smith, Ann", "ann@example.org"),
            ("\"Lee, \\\"Ann\\\"\" <ann@example.org>", "Lee, \"Ann\"", "ann@example.org"),
            ("\"back\\\\slash\" <b@example.org>", "back\\slash", "b@example.org"),
            ("Ünïcode Sender <a@b.example>", "Ünïcode Sender", "a@b.example"),
            ("\"\" <a@b.example>", nil, "a@b.example"),
        ] as [(String, String?, String)])
    func parsesNameAndAddress(text: String, name: String?, addrSpec: String) {
        let address = MailAddress(parsing: text)
        #expect(address.displayName == name)
        #expect(address.addrSpec == addrSpec)
        #expect(address.problem == nil)
    }

    @Test(arguments: [
        ("", "empty address"),
        ("not an address", "no @"),
        ("not-an-address", "no @"),
        ("bad@@example.org", "bad local part"),
        ("a..b@example.org", "bad local part"),
        ("\"quoted\"@example.org", "bad local part"),
        ("a b@example.org", "bad local part"),
        ("a@exa mple.org", "bad domain"),
        ("a@ex\u{7}ämple.org", "bad domain"),
        ("a@localhost", "domain has no dot"),
        ("a@example.", "bad domain"),
        ("a@-example.org", "bad domain"),
        ("a@exa_mple.org", "bad domain"),
        ("Name <a@b.example", "bad local part"),
        // Fuzz finding (issue 15): a control character inside an address literal.
        ("a@[xamp\u{F}]", "bad address literal"),
        ("a@[]", "bad address literal"),
        ("a@[a\\b]", "bad address literal"),
        (
            "Ann\r\nBcc: victim@example.org <a@b.example>",
            "the display name has a control character"
        ),
    ])
    func reportsWhatIsWrong(text: String, problem: String) {
        #expect(MailAddress(parsing: text).problem == problem)
    }

    /// What a new user ran into (issue 16): `send` skipped `chloé@exämple.com` as invalid.
    /// RFC 6531 §3.3 and RFC 6532 §3.2 make UTF-8 local parts and Unicode domains valid.
    @Test(arguments: [
        "chloé@exämple.com", "ü@example.org", "chloe@exämple.com", "用户@例子.广告",
        "δοκιμή@παράδειγμα.δοκιμή", "Chloé <chloé@EXÄMPLE.com>",
    ])
    func internationalAddressesAreValid(text: String) {
        let address = MailAddress(parsing: text)
        #expect(address.problem == nil, "\(text): \(address.problem ?? "")")
        #expect(address.isInternational)
    }

    @Test func asciiFormPunycodesTheDomainOnly() {
        #expect(MailAddress(addrSpec: "chloe@exämple.com").asciiAddrSpec == "chloe@xn--exmple-cua.com")
        // UTS 46 mapping: case folded before Punycode (RFC 3492).
        #expect(MailAddress(addrSpec: "chloe@EXÄMPLE.com").asciiAddrSpec == "chloe@xn--exmple-cua.com")
        #expect(MailAddress(addrSpec: "a@例え.テスト").asciiAddrSpec == "a@xn--r8jz45g.xn--zckzah")
        // A local part has no ASCII form: nothing may rewrite what the recipient's server owns.
        #expect(MailAddress(addrSpec: "chloé@exämple.com").asciiAddrSpec == nil)
        #expect(MailAddress(addrSpec: "chloé@example.com").asciiAddrSpec == nil)
        #expect(MailAddress(addrSpec: "Ann@Example.org").asciiAddrSpec == "Ann@Example.org")
    }

    @Test func idnaRefusesWhatHasNoDNSForm() {
        #expect(IDNA.toASCII("exämple.com") == "xn--exmple-cua.com")
        #expect(IDNA.toASCII("e\u{301}xample.com") == "xn--xample-9ua.com")  // NFC first
        #expect(IDNA.toASCII("straße.de") == "xn--strae-oqa.de")  // nontransitional (IDNA2008)
        #expect(IDNA.toASCII(String(repeating: "ä", count: 70) + ".com") == nil)  // label > 63
        #expect(IDNA.toASCII("ex ämple.com") == nil)
        #expect(IDNA.toASCII("exämple/com.org") == nil)
        #expect(IDNA.toASCII("-ä.com") == nil)
        #expect(
            MailAddress.problem(with: "a@" + String(repeating: "ä", count: 70) + ".com")
                == "the domain has no IDNA (punycode) form")
    }

    @Test func displayNamesStayEncodedWordsBesideUTF8Addresses() {
        let address = MailAddress(parsing: "Chloé <chloé@exämple.com>")
        #expect(address.headerValue == "=?UTF-8?B?Q2hsb8Op?= <chloé@exämple.com>")
    }

    @Test func acceptsAddressLiteralsAndLongestParts() {
        #expect(MailAddress.problem(with: "postmaster@[192.0.2.1]") == nil)
        let local = String(repeating: "a", count: 64)
        #expect(MailAddress.problem(with: local + "@example.org") == nil)
        #expect(MailAddress.problem(with: local + "a@example.org") == "bad local part")
        let long =
            local + "@"
            + Array(repeating: String(repeating: "d", count: 60), count: 4)
            .joined(separator: ".") + ".org"
        #expect(MailAddress.problem(with: long) == "longer than 254 characters")
    }

    @Test func domainAndKeyAreCaseFolded() {
        let address = MailAddress(parsing: "Ann <Ann.Lee@Example.ORG>")
        #expect(address.domain == "example.org")
        #expect(address.key == "ann.lee@example.org")
        #expect(address.addrSpec == "Ann.Lee@Example.ORG")
        #expect(MailAddress(parsing: "no-at-sign").domain == nil)
    }

    @Test func mailboxQuotesOnlyWhenNeeded() {
        #expect(
            MailAddress(displayName: "Ann Lee", addrSpec: "a@b.org").mailbox == "Ann Lee <a@b.org>")
        #expect(
            MailAddress(displayName: "Lee, \"Ann\"", addrSpec: "a@b.org").mailbox
                == "\"Lee, \\\"Ann\\\"\" <a@b.org>")
        #expect(
            MailAddress(displayName: "J. Smith", addrSpec: "j@b.org").mailbox
                == "\"J. Smith\" <j@b.org>")
        #expect(MailAddress(displayName: "  ", addrSpec: "a@b.org").mailbox == "a@b.org")
        #expect(MailAddress(addrSpec: "a@b.org").description == "a@b.org")
    }

    @Test(arguments: ["Ann Lee", "Lee, \"Ann\"", "back\\slash", "J. Smith", "Ünïcode", "<odd>"])
    func mailboxParsesBackToTheSameName(name: String) {
        let address = MailAddress(displayName: name, addrSpec: "a@b.org")
        #expect(MailAddress(parsing: address.mailbox) == address)
    }

    @Test func headerValueEncodesNonASCIINames() {
        #expect(
            MailAddress(displayName: "café", addrSpec: "a@b.org").headerValue
                == "=?UTF-8?B?Y2Fmw6k=?= <a@b.org>")
        #expect(
            MailAddress(displayName: "Ann Lee", addrSpec: "a@b.org").headerValue
                == "Ann Lee <a@b.org>")
    }
}
