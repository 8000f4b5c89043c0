import LwkdMail
import Testing

@testable import LwkdSend

@Suite struct MessageIDTests {
    @Test func isStablePerPostAndRecipient() {
        let a = MessageID.stable(
            post: "https://lwkd.info/2026/2026-11-15-update", recipient: "Ann@Example.org",
            domain: "lwkd.info")
        #expect(
            a
                == MessageID.stable(
                    post: "https://lwkd.info/2026/2026-11-15-update", recipient: "ann@example.org",
                    domain: "lwkd.info"))
        #expect(
            a
                != MessageID.stable(
                    post: "https://lwkd.info/2026/2026-11-22-update", recipient: "ann@example.org",
                    domain: "lwkd.info"))
        #expect(
            a
                != MessageID.stable(
                    post: "https://lwkd.info/2026/2026-11-15-update", recipient: "bob@example.org",
                    domain: "lwkd.info"))
        #expect(
            a.hasPrefix("<lwkd.") && a.hasSuffix("@lwkd.info>")
                && a.count == "<lwkd.@lwkd.info>".count + 32)
    }

    @Test func retryBackoffDoublesUpToTheLimit() {
        let policy = RetryPolicy(maxAttempts: 6, initialDelay: 1, maxDelay: 5)
        #expect((1...5).map { policy.delay(after: $0) } == [1, 2, 4, 5, 5])
    }

    @Test func rateParsesUnits() {
        #expect(RateLimiter.parse("10/s") == 10)
        #expect(RateLimiter.parse("120/m") == 2)
        #expect(RateLimiter.parse("5") == 5)
        #expect(RateLimiter.parse("0/s") == nil)
        #expect(RateLimiter.parse("ten") == nil)
    }

    @Test func rateLimiterSpacesMessagesOut() {
        var limiter = RateLimiter(perSecond: 4)
        var clock = 0.0
        var waited: [Double] = []
        for step in [0.0, 0.125, 0.5, 0.0] {
            clock += step
            limiter.wait(
                now: { clock },
                sleep: {
                    waited.append($0)
                    clock += $0
                })
        }
        // Slots every 0.25 s: the first goes at once, the second waits out its slot, the third
        // comes late enough, and the fourth waits a whole slot.
        #expect(waited == [0.125, 0.25])
    }

    @Test func smtpURLsParse() {
        #expect(
            SMTPSettings.parseURL("smtp://mail.example.org:587")! == (
                "mail.example.org", 587, false
            ))
        #expect(
            SMTPSettings.parseURL("smtps://mail.example.org")! == ("mail.example.org", 465, true))
        #expect(SMTPSettings.parseURL("smtp://[::1]:2525")! == ("::1", 2525, false))
        #expect(SMTPSettings.parseURL("http://x") == nil)
        #expect(SMTPSettings.parseURL("smtp://user:pw@host") == nil)
    }
}
