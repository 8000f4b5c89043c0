import LwkdMail
import Testing

@Suite struct ListUnsubscribeTests {
    @Test func mailtoUsesTheBareSenderAddress() {
        #expect(
            ListUnsubscribe.mailto(MailAddress(parsing: "LWKD <lwkd@lwkd.info>"))
                == "mailto:lwkd@lwkd.info?subject=unsubscribe")
    }

    @Test func templateFillsInEncodedComponents() {
        #expect(
            ListUnsubscribe.url(
                template: "https://lwkd.info/u?t={{token}}&e={{email}}", token: "a b&c/é",
                email: "ann+news@example.org")
                == "https://lwkd.info/u?t=a%20b%26c%2F%C3%A9&e=ann%2Bnews%40example.org")
        #expect(
            ListUnsubscribe.url(
                template: "https://lwkd.info/u/{{token}}", token: nil, email: "a@b.org")
                == "https://lwkd.info/u/")
        #expect(ListUnsubscribe.componentEncoded("A-z.0_9~") == "A-z.0_9~")
    }
}
