import Foundation
import Testing

@testable import LwkdMail

@Suite struct MIMEHeaderTests {
    /// FIPS 180-2 Appendix B and the empty message.
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesKnownAnswers(message: String, digest: String) {
        #expect(sha256Hex(message) == digest)
    }

    @Test func boundaryIsAPrefixOfTheContentHash() {
        // hashlib.sha256(b"a\x00b").hexdigest()[:16] in Python.
        #expect(MIMEHeader.boundary(for: ["a", "b"]) == "=_lwkd_59b271ae1bbcb1d3")
        #expect(MIMEHeader.boundary(for: ["a", "b"]) != MIMEHeader.boundary(for: ["ab"]))
    }

    @Test func asciiStaysAndOtherTextBecomesEncodedWords() throws {
        #expect(
            MIMEHeader.encodedWords("LWKD: Week Ending July 26, 2026")
                == "LWKD: Week Ending July 26, 2026")
        #expect(MIMEHeader.encodedWords("café") == "=?UTF-8?B?Y2Fmw6k=?=")
        let text = String(repeating: "naïve café ✓ ", count: 8)
        let encoded = MIMEHeader.encodedWords(text)
        var decoded = ""
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75)
            let payload = String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))
            let data = try #require(Data(base64Encoded: payload))
            // Each word holds whole characters, so each decodes on its own.
            decoded += try #require(String(data: data, encoding: .utf8))
        }
        #expect(decoded == text)
    }

    @Test func longLinesFoldAtSpaces() {
        let line = "List-Id: " + Array(repeating: "word", count: 30).joined(separator: " ")
        let folded = MIMEHeader.fold(line)
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.count <= 76) }
        #expect(MIMEHeader.fold("Subject: short") == "Subject: short")
    }
}
