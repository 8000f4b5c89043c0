/// Small text helpers of the Atom writer.
enum AtomText {
    /// Runs of spaces, tabs and line breaks as one space, with none at either end.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// `url` with every byte that RFC 3986 does not allow percent-encoded, as jekyll-feed's
    /// `absolute_url` (Addressable's `normalize`) does to a slug with spaces or non-ASCII
    /// letters; URLs that are already valid come back unchanged.
    static func escapedIRI(_ url: String) -> String {
        let bytes = Array(url.utf8)
        guard bytes.contains(where: { !isAllowed($0) || $0 == UInt8(ascii: "%") }) else {
            return url
        }
        var out = ""
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2])
            {
                out += "%"
            } else if isAllowed(b), b != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out +=
                    "%" + String(b >> 4, radix: 16, uppercase: true)
                    + String(b & 15, radix: 16, uppercase: true)
            }
        }
        return out
    }

    // RFC 3986 §2.2–2.3: unreserved, gen-delims and sub-delims.
    private static func isAllowed(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=".utf8.contains(b)
        }
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102)
    }
}
