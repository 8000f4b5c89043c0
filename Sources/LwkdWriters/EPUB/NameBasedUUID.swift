import Crypto
import Foundation

/// RFC 9562 name-based UUIDs (version 5, SHA-1), so a book's identifier is stable: the same
/// permalink always gives the same `urn:uuid`.
enum NameBasedUUID {
    /// The RFC 9562 URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30,
        0xc8,
    ]

    /// `urn:uuid:…` for a URL.
    static func urn(forURL url: String) -> String {
        // SHA-1 only names the UUID here (RFC 9562 §5.5); nothing secret depends on it.
        var b = Array(Insecure.SHA1.hash(data: Data(urlNamespace + Array(url.utf8))).prefix(16))
        b[6] = (b[6] & 0x0f) | 0x50  // RFC 9562 §5.5: version 5
        b[8] = (b[8] & 0x3f) | 0x80  // RFC 9562 §4.1: variant 10
        let uuid = UUID(
            uuid: (
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]
            ))
        return "urn:uuid:" + uuid.uuidString.lowercased()
    }
}
