import Foundation
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

/// The signature block of the message's plain part: the theme's footer, the permalink and the
/// unsubscribe link, flowed (RFC 3676) at 40 to 78 columns of text plus the soft-break space.
@Suite struct EMLSignatureTests {
    /// The decoded text/plain part from the signature separator on, with `\n` line ends.
    private func signature(columns: Int) throws -> String {
        let context = WriteContext(
            columns: columns, generator: "lwkdconv test", theme: try EmailFixtures.theme("lwkd"))
        guard
            case .text(let message) = try EMLWriter().write(try EmailFixtures.sample(), in: context)
        else {
            throw WriteError.unsupported(format: "eml", reason: "binary")
        }
        let plainPart = try #require(message.components(separatedBy: "--=_lwkd_").dropFirst().first)
        let body = plainPart.components(separatedBy: "\r\n\r\n").dropFirst().joined(
            separator: "\r\n\r\n")
        let decoded = Self.decodeQuotedPrintable(body).replacingOccurrences(of: "\r\n", with: "\n")
        let start = try #require(decoded.range(of: "\n-- \n"))
        return String(decoded[decoded.index(after: start.lowerBound)...])
    }

    private static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count,
                let value = UInt8(
                    String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func narrowSignatureWrapsAtFortyColumnsOfText() throws {
        let expected = [
            "-- ",
            "Last Week in Kubernetes Development is ",
            "written by volunteers from the ",
            "Kubernetes contributor community. ",
            "Spotted something we missed? Contribute ",
            "on GitHub ",
            "<https://github.com/kubernetes-sigs/lwkd> ",
            "or write to lwkd@lwkd.info ",
            "<mailto:lwkd@lwkd.info>.",
            "",
            "Content licensed CC BY 4.0 ",
            "<https://creativecommons.org/licenses/by/4.0/> ",
            "by the LWKD contributors.",
            "",
            "View this issue online: ",
            "https://lwkd.info/2026/20260730",
            "Unsubscribe: ",
            "mailto:lwkd@lwkd.info?subject=unsubscribe",
        ]
        #expect(try signature(columns: 40) == expected.joined(separator: "\n") + "\n")
    }

    @Test func wideSignatureWrapsAtSeventyEightColumnsOfText() throws {
        let expected = [
            "-- ",
            "Last Week in Kubernetes Development is written by volunteers from the ",
            "Kubernetes contributor community. Spotted something we missed? Contribute on ",
            "GitHub <https://github.com/kubernetes-sigs/lwkd> or write to lwkd@lwkd.info ",
            "<mailto:lwkd@lwkd.info>.",
            "",
            "Content licensed CC BY 4.0 <https://creativecommons.org/licenses/by/4.0/> by ",
            "the LWKD contributors.",
            "",
            "View this issue online: https://lwkd.info/2026/20260730",
            "Unsubscribe: mailto:lwkd@lwkd.info?subject=unsubscribe",
        ]
        #expect(try signature(columns: 100) == expected.joined(separator: "\n") + "\n")
    }
}
