import LwkdMail
import Testing

@testable import LwkdSend

@Suite struct RecipientListTests {
    private func parse(_ text: String) throws -> RecipientList {
        try RecipientList.parse(Array(text.utf8), path: "subscribers.csv")
    }

    @Test func readsColumnsInAnyOrderAndIgnoresOthers() throws {
        let list = try parse(
            "token,Email,name,extra\r\nt1,a@example.org,\"Smith, Ann\",x\r\nt2,b@example.org,,y\r\n"
        )
        #expect(
            list.recipients == [
                Recipient(email: "a@example.org", name: "Smith, Ann", token: "t1", line: 2),
                Recipient(email: "b@example.org", name: nil, token: "t2", line: 3),
            ])
        #expect(list.problems.isEmpty)
    }

    @Test func reportsInvalidAddressesWithTheirLineAndSkipsThem() throws {
        let list = try parse(
            "email\nok@example.org\nnot-an-address\n\n\"multi\nline\"@x\nbad@@example.org\nü@exa mple.org\n"
        )
        #expect(list.recipients.map(\.email) == ["ok@example.org"])
        #expect(list.problems.map(\.line) == [3, 5, 7, 8])
        #expect(
            list.problems[0].description
                == "subscribers.csv:3: invalid address 'not-an-address': no @; skipped")
        #expect(list.problems[3].message.contains("bad domain"))
    }

    /// What a new user ran into (issue 16): `send` warned `invalid address 'chloé@exämple.com'`
    /// and skipped a subscriber whose address is valid under RFC 6531.
    @Test func keepsInternationalAddresses() throws {
        let list = try parse("email,name\nchloé@exämple.com,Chloé\nann@example.org,Ann\n")
        #expect(list.problems.isEmpty, "\(list.problems)")
        #expect(list.recipients.map(\.email) == ["chloé@exämple.com", "ann@example.org"])
    }

    @Test func namesCannotCarryLineBreaksIntoHeaders() throws {
        let list = try parse(
            "email,name\na@example.org,\"Ann\r\nBcc: victim@example.org\"\nb@example.org,\"\t\"\n")
        #expect(list.recipients.map(\.name) == ["Ann Bcc: victim@example.org", nil])
    }

    @Test func sendsDuplicatesOnce() throws {
        let list = try parse("email\na@example.org\nA@Example.org\nb@example.org\n")
        #expect(list.recipients.map(\.email) == ["a@example.org", "b@example.org"])
        #expect(list.problems.count == 1)
        #expect(list.problems[0].isDuplicate)
        #expect(
            list.problems[0].description
                == "subscribers.csv:3: A@Example.org repeats line 2; sent once")
    }

    @Test func refusesAListWithoutAnEmailColumn() {
        #expect(
            throws: SendError.list(
                path: "subscribers.csv", line: 1,
                message: "the header has no 'email' column (found: address, name)")
        ) {
            try parse("address,name\na@example.org,A\n")
        }
    }

    @Test func refusesAnUnterminatedQuote() {
        #expect(
            throws: SendError.list(
                path: "subscribers.csv", line: 3, message: "quoted field never closes")
        ) {
            try parse("email,name\na@example.org,A\nb@example.org,\"B\n")
        }
    }

    @Test func refusesAnEmptyFileAndNonUTF8() {
        #expect(throws: SendError.self) { try parse("") }
        #expect(throws: SendError.list(path: "x.csv", line: nil, message: "not UTF-8 text")) {
            try RecipientList.parse([0x65, 0x6D, 0xFF], path: "x.csv")
        }
    }

    @Test func mailboxQuotesNamesThatNeedIt() {
        #expect(Recipient(email: "a@b.org", name: "Ann Lee").mailbox == "Ann Lee <a@b.org>")
        #expect(
            Recipient(email: "a@b.org", name: "Lee, \"Ann\"").mailbox
                == "\"Lee, \\\"Ann\\\"\" <a@b.org>")
        #expect(MailAddress(parsing: "LWKD <news@lwkd.info>").addrSpec == "news@lwkd.info")
    }

    /// A second `email` column was dropped without a word (issue 15, item 12).
    @Test func aSecondEmailColumnIsRefused() {
        #expect(
            throws: SendError.list(
                path: "subscribers.csv", line: 1,
                message: "the header has 2 'email' columns (columns 1, 3); keep one")
        ) { try parse("email,name,Email\na@example.org,A,b@example.org\n") }
    }
}
