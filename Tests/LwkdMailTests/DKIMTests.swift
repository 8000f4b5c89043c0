import Foundation
import LwkdMail
import Testing

/// DKIM signatures checked by dkimpy, an independent implementation, with the TXT record given
/// by the test instead of DNS.
@Suite struct DKIMTests {
    static let message = [
        "From: LWKD <news@lwkd.info>",
        "To: =?UTF-8?Q?Chlo=C3=A9?= <chloe@example.org>",
        "Subject: =?UTF-8?Q?LWKD:_Week_Ending_August_16,_2026_=E2=80=94_d=C3=A9j=C3=A0_vu?=",
        "Date: Tue, 18 Aug 2026 22:00:00 +0000",
        "Message-ID: <lwkd.0123456789abcdef@lwkd.info>",
        "MIME-Version: 1.0",
        "List-Unsubscribe: <https://lwkd.info/unsubscribe/tok001>,",
        "\t<mailto:unsubscribe@lwkd.info?subject=unsubscribe>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Week Ending August 16, 2026   ",
        "",
        "  Indented \t line with  runs of   spaces.",
        "Caf\u{E9} d\u{E9}j\u{E0} vu.",
        "",
        "",
    ].joined(separator: "\r\n")

    /// Runs dkimpy's verify; nil when dkimpy (or PyNaCl for Ed25519) is not installed.
    static func dkimpy(_ message: [UInt8], record: String, selector: String = "lwkd")
        throws -> Bool?
    {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dkim-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("message.eml")
        try Data(message).write(to: file)
        let script = """
            import sys
            try:
                import dkim
                if 'k=ed25519' in sys.argv[2]:
                    import nacl
            except ImportError:
                sys.exit(2)
            record = sys.argv[2].encode()
            name = (sys.argv[3] + '._domainkey.lwkd.info.').encode()
            def dns(q, timeout=5):
                return record if q == name else None
            ok = dkim.verify(open(sys.argv[1], 'rb').read(), dnsfunc=dns)
            sys.exit(0 if ok else 1)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, record, selector]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return true
        case 2: return nil
        default: return false
        }
    }

    @Test(arguments: DKIMKey.Algorithm.allCases)
    func signaturesVerifyAndTamperingBreaksThem(_ algorithm: DKIMKey.Algorithm) throws {
        let key = try DKIMKey.generate(algorithm)
        let signer = DKIMSigner(key: key, selector: "lwkd", domain: "lwkd.info")
        let signed = try signer.sign(Array(Self.message.utf8))
        let text = String(decoding: signed, as: UTF8.self)
        #expect(text.hasPrefix("DKIM-Signature: v=1; a=\(algorithm.tag); c=relaxed/relaxed; d=lwkd.info; s=lwkd;"))
        let header = text.components(separatedBy: "\r\nFrom: ")[0]
        #expect(
            header.replacingOccurrences(of: "\r\n\t ", with: "").contains(
                "h=from:from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post;"
            ))
        // No header line over 78 characters.
        for line in header.components(separatedBy: "\r\n") { #expect(line.count <= 78, "\(line)") }
        guard let verified = try Self.dkimpy(signed, record: key.dnsRecord) else {
            print("skipped: dkimpy verification (pip install dkimpy pynacl)")
            return
        }
        #expect(verified)
        // The same message signs the same way (a resend after a crash).
        if algorithm == .rsa || algorithm == .ed25519 {
            #expect(try signer.sign(Array(Self.message.utf8)) == signed)
        }
        let tampered = [
            text.replacingOccurrences(of: "Subject: =?UTF-8?Q?LWKD:", with: "Subject: =?UTF-8?Q?LWKX:"),
            text.replacingOccurrences(of: "List-Unsubscribe-Post: List-Unsubscribe=One-Click", with: "List-Unsubscribe-Post: List-Unsubscribe=None"),
            text.replacingOccurrences(of: "Caf\u{E9}", with: "Caf\u{E8}"),
            text.replacingOccurrences(of: "MIME-Version: 1.0\r\n", with: "MIME-Version: 1.0\r\nFrom: Mallory <m@evil.example>\r\n"),
        ]
        for (k, version) in tampered.enumerated() {
            #expect(version != text, "case \(k) changed nothing")
            #expect(try Self.dkimpy(Array(version.utf8), record: key.dnsRecord) == false, "case \(k)")
        }
        // White space that relaxed canonicalisation ignores does not matter.
        let respaced = text.replacingOccurrences(of: "Week Ending August 16, 2026   ", with: "Week Ending  August 16, 2026")
        #expect(try Self.dkimpy(Array(respaced.utf8), record: key.dnsRecord) == true)
    }

    @Test func keysRoundTripThroughPEMAndOpenSSLKeysAreRead() throws {
        for algorithm in DKIMKey.Algorithm.allCases {
            let key = try DKIMKey.generate(algorithm)
            let again = try DKIMKey(pem: key.pemRepresentation)
            #expect(again.publicKeyBase64 == key.publicKeyBase64)
            #expect(again.algorithm == algorithm)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            print("skipped: OpenSSL-written keys (no /usr/bin/openssl)")
            return
        }
        for (arguments, bits) in [
            (["genrsa", "-traditional", "2048"], 2048), (["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"], 3072),
            (["genpkey", "-algorithm", "ed25519"], 0), (["genrsa", "1024"], 1024),
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let pem = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if bits == 1024 {
                #expect(throws: DKIMKey.Problem(
                    description: "the RSA key has 1024 bits; DKIM needs 2048 or more (RFC 8301)")) {
                    try DKIMKey(pem: pem)
                }
                continue
            }
            let key = try DKIMKey(pem: pem)
            #expect(key.algorithm == (bits == 0 ? .ed25519 : .rsa))
            let signed = try DKIMSigner(key: key, selector: "lwkd", domain: "lwkd.info").sign(
                Array(Self.message.utf8))
            if let verified = try Self.dkimpy(signed, record: key.dnsRecord) { #expect(verified, "\(arguments)") }
        }
    }

    @Test func theDNSRecordSplitsIntoStringsOf255Bytes() throws {
        let key = try DKIMKey.generate(.rsa)
        let line = key.dnsRecordLine(selector: "lwkd", domain: "lwkd.info")
        #expect(line.hasPrefix("lwkd._domainkey.lwkd.info IN TXT ( \"v=DKIM1; k=rsa; p="))
        let strings = line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(strings.count == 2)
        #expect(strings.allSatisfy { $0.utf8.count <= 255 })
        #expect(strings.joined() == key.dnsRecord)
    }
}
