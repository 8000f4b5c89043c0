import Foundation
import LwkdMail
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

@Suite struct EMLWriterTests {
    private func message(
        _ writer: EMLWriter = EMLWriter(), diagnostics: DiagnosticSink = DiagnosticSink()
    ) throws -> String {
        let context = EmailFixtures.context(
            theme: try EmailFixtures.theme("lwkd"), diagnostics: diagnostics)
        guard case .text(let text) = try writer.write(try EmailFixtures.sample(), in: context)
        else {
            throw WriteError.unsupported(format: "eml", reason: "binary")
        }
        return text
    }

    private func headers(_ message: String) -> [(String, String)] {
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        var out: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), let last = out.popLast() {
                out.append((last.0, last.1 + line))
            } else if let colon = line.firstIndex(of: ":") {
                out.append(
                    (
                        String(line[..<colon]),
                        String(line[line.index(after: colon)...]).trimmingCharacters(
                            in: .whitespaces)
                    ))
            }
        }
        return out
    }

    private func decodeQP(_ body: String) -> String {
        var bytes: [UInt8] = []
        let joined = body.replacingOccurrences(of: "=\r\n", with: "")
        let utf8 = Array(joined.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == 61, i + 2 < utf8.count,
                let v = UInt8(String(decoding: utf8[i + 1...i + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func hasTheRequiredHeadersOnce() throws {
        let fields = headers(try message()).map(\.0)
        for name in [
            "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "List-Id",
            "Content-Type",
        ] {
            #expect(fields.filter { $0 == name }.count == 1, "\(name)")
        }
    }

    /// With no https unsubscribe URL there is no `List-Unsubscribe`: the default unsubscribe
    /// link, a `mailto:` the sender, cannot be one-click (RFC 8058 §3.1 needs https), and a
    /// `List-Unsubscribe` without `List-Unsubscribe-Post` is what validate-eml, Gmail and
    /// Yahoo refuse for bulk mail. The footer keeps the mailto: link, and a warning says why.
    @Test func noHTTPSUnsubscribeURLWritesNoListUnsubscribeAndWarns() throws {
        for url in [nil, "mailto:leave@lwkd.info", "{{unsubscribe_url}}"] as [String?] {
            let diagnostics = DiagnosticSink()
            let text = try message(EMLWriter(unsubscribeURL: url), diagnostics: diagnostics)
            let fields = headers(text).map(\.0)
            #expect(!fields.contains("List-Unsubscribe"), "\(url ?? "default")")
            #expect(!fields.contains("List-Unsubscribe-Post"), "\(url ?? "default")")
            let warnings = diagnostics.all.map(\.message)
            #expect(
                warnings.contains { $0.contains("no List-Unsubscribe") && $0.contains("https") },
                "\(url ?? "default"): \(warnings)")
        }
    }

    @Test func headerValuesFollowTheConventions() throws {
        let values = Dictionary(headers(try message()), uniquingKeysWith: { a, _ in a })
        #expect(values["Subject"] == "LWKD: Week Ending July 26, 2026")
        // The post's date 2026-07-30 22:00 UTC is a Thursday.
        #expect(values["Date"] == "Thu, 30 Jul 2026 22:00:00 +0000")
        #expect(values["From"] == "LWKD <lwkd@lwkd.info>")
        #expect(values["MIME-Version"] == "1.0")
        // The stable id `send` gives this post for the default To address.
        let id = try #require(values["Message-ID"])
        let facts = try EmailFixtures.sample().facts()
        let post = try #require(facts.mailIdentity)
        #expect(post == facts.id)
        #expect(
            id
                == MessageID.stable(
                    post: post, recipient: "subscribers@lwkd.info", domain: "lwkd.info"))
    }

    @Test func lineEndsAreCRLFAndBodyLinesShort() throws {
        let text = try message()
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
            let isASCII = line.utf8.allSatisfy { $0 < 128 }
            #expect(isASCII, "\(line)")
        }
    }

    @Test func isMultipartAlternativeWithTextThenHTML() throws {
        let text = try message()
        let values = Dictionary(headers(text), uniquingKeysWith: { a, _ in a })
        let contentType = try #require(values["Content-Type"])
        #expect(contentType.hasPrefix("multipart/alternative; boundary=\""))
        let boundary = String(contentType.split(separator: "\"")[1])
        let parts = text.components(separatedBy: "--" + boundary)
        #expect(parts.count == 4)
        #expect(parts[3] == "--\r\n")
        #expect(parts[1].contains("Content-Type: text/plain; charset=utf-8; format=flowed\r\n"))
        #expect(parts[2].contains("Content-Type: text/html; charset=utf-8\r\n"))
        for part in parts[1...2] {
            #expect(part.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        }
        let plain = decodeQP(
            parts[1].components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
        #expect(plain.contains("Naïve café ✓"))
        #expect(plain.contains("https://lwkd.info/2026/20260730"))
        let html = decodeQP(
            parts[2].components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Naïve café ✓"))
        #expect(html.contains("mailto:lwkd@lwkd.info?subject=unsubscribe"))
    }

    @Test func unsubscribeURLAddsOneClickHeaders() throws {
        let values = Dictionary(
            headers(try message(EMLWriter(unsubscribeURL: "https://lwkd.info/u/1"))),
            uniquingKeysWith: { a, _ in a })
        #expect(values["List-Unsubscribe"] == "<https://lwkd.info/u/1>")
        #expect(values["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        let diagnostics = DiagnosticSink()
        _ = try message(EMLWriter(unsubscribeURL: "https://lwkd.info/u/1"), diagnostics: diagnostics)
        #expect(
            !diagnostics.all.contains { $0.message.contains("List-Unsubscribe") },
            "\(diagnostics.all)")
    }

    @Test func nonASCIISubjectIsEncodedWords() throws {
        let subject = "LWKD: Wöche Ending — naïve café ✓ with a rather long tail to force folding"
        let text = try message(
            EMLWriter(fromAddress: "Ünïcode Sender <a@b.example>", subject: subject))
        let values = Dictionary(headers(text), uniquingKeysWith: { a, _ in a })
        let encoded = try #require(values["Subject"])
        var decoded = ""
        for word in encoded.split(separator: " ") {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            let data = try #require(Data(base64Encoded: String(payload)))
            decoded += try #require(String(data: data, encoding: .utf8))
        }
        #expect(decoded == subject)
        #expect(values["From"]?.hasSuffix(" <a@b.example>") == true)
        #expect(values["From"]?.hasPrefix("=?UTF-8?B?") == true)
    }

    @Test func sameInputGivesSameBytes() throws {
        #expect(try message() == message())
        let dated = try message(EMLWriter(date: PostDate(year: 2026, month: 8, day: 7, hour: 9)))
        #expect(dated.contains("\r\nDate: Fri, 07 Aug 2026 09:00:00 +0000\r\n"))
        #expect(
            try message(EMLWriter(messageID: "x@y.example")).contains(
                "\r\nMessage-ID: <x@y.example>\r\n"))
    }

    @Test func badAddressIsAnError() throws {
        #expect(
            throws: WriteError.unsupported(
                format: "eml", reason: "From address 'not an address' is not usable: no @")
        ) { try message(EMLWriter(fromAddress: "not an address")) }
        #expect(throws: WriteError.self) { try message(EMLWriter(toAddress: "a@localhost")) }
    }

    @Test func quotedAndEncodedNamesSurviveTheHeader() throws {
        let values = Dictionary(
            headers(
                try message(
                    EMLWriter(
                        fromAddress: "\"Lee, \\\"Ann\\\"\" <ann@lwkd.info>",
                        toAddress: "Zoë <zoe@example.org>"))),
            uniquingKeysWith: { a, _ in a })
        #expect(values["From"] == "\"Lee, \\\"Ann\\\"\" <ann@lwkd.info>")
        #expect(values["To"] == "=?UTF-8?B?Wm/Dqw==?= <zoe@example.org>")
    }
}

/// The shared writer fixtures through `eml` (CRLF line ends are part of the golden).
@Suite struct EMLGoldenTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        let writer = EMLWriter(date: PostDate(year: 2026, month: 8, day: 6, hour: 22))
        if let failure = try WriterGoldens.check(name, writer: writer) {
            Issue.record(Comment(rawValue: failure))
        }
    }
}

/// Every header value goes through one writer that refuses line breaks and controls, however
/// it arrives (issue 15, item 6): options the CLI checks, and a site name or list id a library
/// caller passes.
@Suite struct EMLHeaderInjectionTests {
    @Test func aLineBreakInTheListIDIsRefused() throws {
        let post = try EmailFixtures.sample()
        let writer = EMLWriter().configured(
            WriterOptions(listID: "LWKD <lwkd.lwkd.info>\r\nBcc: victim@evil.example"))
        #expect(
            throws: WriteError.unsupported(
                format: "eml",
                reason:
                    #"List-Id value 'LWKD <lwkd.lwkd.info>\r\nBcc: victim@evil.example' refused: it holds a line break (CR or LF)"#
            )
        ) { try writer.write(post, in: Convert.context()) }
    }

    @Test func aControlInTheUnsubscribeURLIsRefused() throws {
        let writer = EMLWriter().configured(
            WriterOptions(unsubscribeURL: "https://lwkd.info/u\nBcc: victim@evil.example"))
        #expect(throws: WriteError.self) {
            try writer.write(try EmailFixtures.sample(), in: Convert.context())
        }
    }

    @Test func aNonASCIISubjectIsEncodedNotRefused() throws {
        let writer = EMLWriter().configured(WriterOptions(subject: "Café\r\nBcc: x@evil.example"))
        let output = try writer.write(try EmailFixtures.sample(), in: Convert.context())
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
    }
}
