import Testing

@testable import LwkdSend

@Suite struct SMTPDataTests {
    private func encode(_ text: String) -> String {
        String(decoding: SMTPData.encode(Array(text.utf8)), as: UTF8.self)
    }

    @Test func dotStuffsLinesStartingWithADot() {
        // RFC 5321 §4.5.2
        #expect(encode("a\r\n.b\r\n.\r\n..\r\n") == "a\r\n..b\r\n..\r\n...\r\n.\r\n")
        #expect(encode(".first") == "..first\r\n.\r\n")
    }

    @Test func makesEveryLineEndCRLF() {
        #expect(encode("a\nb\rc\r\nd") == "a\r\nb\r\nc\r\nd\r\n.\r\n")
    }

    @Test func detectsEightBitBodies() {
        #expect(SMTPData.has8Bit(Array("café".utf8)))
        #expect(!SMTPData.has8Bit(Array("cafe".utf8)))
    }
}
