import Crypto
import Foundation
import _CryptoExtras

/// A DKIM signing key (RFC 6376): RSA of 2048 bits or more (RFC 8301) or Ed25519 (RFC 8463),
/// read from and written as PEM.
public struct DKIMKey: Sendable {
    /// The signing algorithm a key gives.
    public enum Algorithm: String, Sendable, CaseIterable {
        case rsa, ed25519

        /// The `a=` tag: `rsa-sha256` or `ed25519-sha256`.
        public var tag: String { rawValue + "-sha256" }
    }

    /// Why a key cannot be used.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String

        public init(description: String) { self.description = description }
    }

    private enum Backing: @unchecked Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    private let backing: Backing

    /// The key's algorithm.
    public var algorithm: Algorithm {
        switch backing {
        case .rsa: .rsa
        case .ed25519: .ed25519
        }
    }

    /// Reads a PEM key: `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8, RSA or Ed25519).
    public init(pem: String) throws(Problem) {
        if pem.contains("BEGIN RSA PRIVATE KEY") {
            self.backing = .rsa(try Self.rsa(pem))
            return
        }
        guard let der = Self.der(pem, label: "PRIVATE KEY") else {
            throw Problem(description: "not a PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)")
        }
        if der.count >= 48, Array(der.prefix(16)) == Self.ed25519Prefix {
            do {
                self.backing = .ed25519(
                    try Curve25519.Signing.PrivateKey(rawRepresentation: der[16..<48]))
            } catch {
                throw Problem(description: "the Ed25519 key is damaged")
            }
            return
        }
        self.backing = .rsa(try Self.rsa(pem))
    }

    private static func rsa(_ pem: String) throws(Problem) -> _RSA.Signing.PrivateKey {
        do {
            return try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            // swift-crypto refuses keys under 2048 bits; say so rather than "invalid".
            if let weak = try? _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem),
                weak.keySizeInBits < 2048
            {
                throw Problem(
                    description:
                        "the RSA key has \(weak.keySizeInBits) bits; DKIM needs 2048 or more (RFC 8301)")
            }
            throw Problem(description: "not a usable RSA private key (\(error))")
        }
    }

    /// A new key.
    public static func generate(_ algorithm: Algorithm) throws -> DKIMKey {
        switch algorithm {
        case .rsa: DKIMKey(backing: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)))
        case .ed25519: DKIMKey(backing: .ed25519(Curve25519.Signing.PrivateKey()))
        }
    }

    private init(backing: Backing) { self.backing = backing }

    /// The key as PEM (PKCS#8 for Ed25519, as OpenSSL writes it; the RSA form swift-crypto
    /// writes for RSA).
    public var pemRepresentation: String {
        switch backing {
        case .rsa(let key): return key.pemRepresentation + "\n"
        case .ed25519(let key):
            let der = Data(Self.ed25519Prefix) + key.rawRepresentation
            return Self.pem(der, label: "PRIVATE KEY")
        }
    }

    /// The `p=` value: the public key, Base64 (SubjectPublicKeyInfo for RSA, the raw 32 bytes
    /// for Ed25519).
    public var publicKeyBase64: String {
        switch backing {
        case .rsa(let key): key.publicKey.derRepresentation.base64EncodedString()
        case .ed25519(let key): key.publicKey.rawRepresentation.base64EncodedString()
        }
    }

    /// The TXT record's value: `v=DKIM1; k=rsa; p=…`.
    public var dnsRecord: String { "v=DKIM1; k=\(algorithm.rawValue); p=\(publicKeyBase64)" }

    /// `NAME._domainkey.DOMAIN IN TXT ( "…" "…" )`, the value in strings of at most 255 bytes.
    public func dnsRecordLine(selector: String, domain: String) -> String {
        var chunks: [String] = []
        var rest = Substring(dnsRecord)
        while !rest.isEmpty {
            chunks.append("\"\(rest.prefix(255))\"")
            rest = rest.dropFirst(255)
        }
        return "\(selector)._domainkey.\(domain) IN TXT ( \(chunks.joined(separator: " ")) )"
    }

    /// Signs the SHA-256 digest of `data` (RSASSA-PKCS1-v1_5, or PureEdDSA over the digest as
    /// RFC 8463 has it).
    func sign(_ data: [UInt8]) throws -> Data {
        let digest = SHA256.hash(data: data)
        switch backing {
        case .rsa(let key):
            return try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation
        case .ed25519(let key):
            return try key.signature(for: Data(digest))
        }
    }

    /// The DER of an Ed25519 PKCS#8 key before its 32 private bytes (RFC 8410).
    static let ed25519Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ]

    static func der(_ pem: String, label: String) -> Data? {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let a = pem.range(of: begin), let b = pem.range(of: end, range: a.upperBound..<pem.endIndex)
        else { return nil }
        let body = pem[a.upperBound..<b.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body))
    }

    static func pem(_ der: Data, label: String) -> String {
        let base64 = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }
}

/// Signs a message with DKIM (RFC 6376), `relaxed/relaxed`, over the headers RFC 8058 asks for.
public struct DKIMSigner: Sendable {
    /// The key.
    public var key: DKIMKey
    /// The selector (`s=`).
    public var selector: String
    /// The signing domain (`d=`).
    public var domain: String

    /// The headers signed when present, From once more than it appears (oversigning, so no
    /// From can be added later).
    public static let signedHeaders = [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ]

    /// Creates a signer.
    public init(key: DKIMKey, selector: String, domain: String) {
        self.key = key
        self.selector = selector
        self.domain = domain
    }

    /// `message` (CRLF line endings) with a `DKIM-Signature` header in front. The signature has
    /// no timestamp, so the same message always gets the same signature.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        let (headers, body) = Self.split(message)
        let bodyHash = Data(SHA256.hash(data: Self.relaxedBody(body))).base64EncodedString()
        var names: [String] = []
        for name in Self.signedHeaders {
            let count = headers.filter { $0.name.lowercased() == name.lowercased() }.count
            guard count > 0 else { continue }
            let times = name == "From" ? count + 1 : count
            names += Array(repeating: name.lowercased(), count: times)
        }
        // h= folded at its colons so no header line passes 78 characters (RFC 5322 §2.1.1).
        var list = "\th="
        var lineLength = list.count + 1
        for (k, name) in names.enumerated() {
            let piece = name + (k == names.count - 1 ? ";" : ":")
            if lineLength + piece.count > 77 {
                list += "\r\n\t "
                lineLength = 2
            }
            list += piece
            lineLength += piece.count
        }
        let tags =
            "v=1; a=\(key.algorithm.tag); c=relaxed/relaxed; d=\(domain); s=\(selector);\r\n"
            + "\(list)\r\n\tbh=\(bodyHash);\r\n\tb="
        // Header instances are used from the last one up (RFC 6376 §5.4.2); an oversigned
        // name beyond the last instance contributes nothing.
        var used: [String: Int] = [:]
        var data: [UInt8] = []
        for name in names {
            let instances = headers.filter { $0.name.lowercased() == name }
            let index = used[name, default: 0]
            used[name] = index + 1
            guard index < instances.count else { continue }
            data += Self.relaxedHeader(instances[instances.count - 1 - index].raw)
        }
        var own = Self.relaxedHeader(Array("DKIM-Signature: \(tags)".utf8))
        own.removeLast(2)  // the signature header itself is hashed without its CRLF
        data += own
        let signature = try key.sign(data).base64EncodedString()
        var folded = ""
        var rest = Substring(signature)
        while !rest.isEmpty {
            folded += (folded.isEmpty ? "" : "\r\n\t ") + rest.prefix(64)
            rest = rest.dropFirst(64)
        }
        return Array("DKIM-Signature: \(tags)\(folded)\r\n".utf8) + message
    }

    /// One header field: its name and its raw bytes, folding and final CRLF included.
    struct Field {
        var name: String
        var raw: [UInt8]
    }

    /// The header fields and the body (after the empty line).
    static func split(_ message: [UInt8]) -> ([Field], ArraySlice<UInt8>) {
        var fields: [Field] = []
        var i = 0
        while i < message.count {
            if message[i] == 13, i + 1 < message.count, message[i + 1] == 10 {
                return (fields, message[(i + 2)...])
            }
            var end = i
            // A field runs to a CRLF not followed by white space.
            while end < message.count {
                if message[end] == 10, end + 1 >= message.count
                    || (message[end + 1] != 32 && message[end + 1] != 9)
                {
                    end += 1
                    break
                }
                end += 1
            }
            let raw = Array(message[i..<end])
            let name = raw.prefix { $0 != UInt8(ascii: ":") }
            fields.append(Field(name: String(decoding: name, as: UTF8.self), raw: raw))
            i = end
        }
        return (fields, message[message.count...])
    }

    /// RFC 6376 §3.4.2: lowercase name, unfolded, white space runs as one space, none at the
    /// end or around the colon.
    static func relaxedHeader(_ raw: [UInt8]) -> [UInt8] {
        guard let colon = raw.firstIndex(of: UInt8(ascii: ":")) else { return raw }
        var name = Array(raw[..<colon])
        while let last = name.last, last == 32 || last == 9 { name.removeLast() }
        var out = name.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        out.append(UInt8(ascii: ":"))
        var value: [UInt8] = []
        var space = false
        for b in raw[(colon + 1)...] where b != 13 && b != 10 {
            if b == 32 || b == 9 {
                space = true
            } else {
                if space, !value.isEmpty { value.append(32) }
                space = false
                value.append(b)
            }
        }
        return out + value + [13, 10]
    }

    /// RFC 6376 §3.4.4: white space runs as one space, none at line ends, no empty lines at the
    /// end; a non-empty body ends with CRLF.
    static func relaxedBody(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var space = false
        func endLine() {
            lines.append(line)
            line = []
            space = false
        }
        var i = body.startIndex
        while i < body.endIndex {
            let b = body[i]
            if b == 13, i + 1 < body.endIndex, body[i + 1] == 10 {
                endLine()
                i += 2
                continue
            }
            if b == 32 || b == 9 {
                space = true
            } else {
                if space { line.append(32) }
                space = false
                line.append(b)
            }
            i += 1
        }
        if !line.isEmpty { endLine() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.flatMap { $0 + [13, 10] }
    }
}
