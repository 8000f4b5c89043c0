import ArgumentParser
import Foundation
import LwkdMail

/// `--dkim-key FILE --dkim-selector NAME [--dkim-domain DOMAIN]`, for `send` and mail messages.
package struct DKIMOptions: ParsableArguments {
    package init() {}

    @Option(help: "Sign with DKIM using this PEM private key (RSA 2048+ bits or Ed25519).")
    package var dkimKey: String?

    @Option(help: "The DKIM selector: the key's DNS name is SELECTOR._domainkey.DOMAIN.")
    var dkimSelector: String?

    @Option(help: "The DKIM signing domain (default: the From address's domain).")
    var dkimDomain: String?

    /// The signer the options ask for, or nil without `--dkim-key`.
    package func signer(fromAddress: String, environment: CLIEnvironment) throws -> DKIMSigner? {
        guard let dkimKey else {
            if dkimSelector != nil || dkimDomain != nil {
                throw CLIFailure(.usage, "--dkim-selector and --dkim-domain need --dkim-key FILE")
            }
            return nil
        }
        guard let selector = dkimSelector, !selector.isEmpty else {
            throw CLIFailure(
                .usage, "--dkim-key needs --dkim-selector NAME (its DNS record's name)")
        }
        let bytes = try InputLoader.bytes(of: dkimKey, environment: environment, kind: .dkimKey)
        let key: DKIMKey
        do {
            key = try DKIMKey(pem: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw CLIFailure(.usage, "--dkim-key \(dkimKey): \(error.description)")
        }
        let domain = dkimDomain ?? MailAddress(parsing: fromAddress).domain ?? ""
        guard !domain.isEmpty else {
            throw CLIFailure(.usage, "--dkim-domain is needed: the From address has no domain")
        }
        return DKIMSigner(key: key, selector: selector, domain: domain)
    }
}

/// `lwkdconv dkim keygen`: a new signing key and the DNS record to publish for it.
struct DKIMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dkim",
        abstract: "Make a DKIM signing key for send and mail messages.",
        subcommands: [Keygen.self])

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Write a new DKIM key (mode 0600) and print the DNS TXT record to publish.",
            discussion: """
                EXAMPLE:
                  lwkdconv dkim keygen --selector lwkd2026 --domain lwkd.info -o dkim.pem
                  (publish the printed record, then: lwkdconv send … --dkim-key dkim.pem --dkim-selector lwkd2026)
                """)

        @Option(help: "The selector: the record's name is SELECTOR._domainkey.DOMAIN.")
        var selector: String

        @Option(help: "The signing domain.")
        var domain: String

        @Option(help: "rsa (2048 bits) or ed25519.")
        var type: String = "rsa"

        @Option(name: [.short, .long], help: "The key file to write; refused when it exists.")
        var output: String

        func run() throws {
            let environment = CLIEnvironment.current
            guard let algorithm = DKIMKey.Algorithm(rawValue: type) else {
                throw CLIFailure(.usage, "--type '\(type)': use rsa or ed25519")
            }
            let full = InputLoader.resolve(output, in: environment)
            let key = try DKIMKey.generate(algorithm)
            // O_EXCL: an existing key is never replaced, and the new one is private from birth.
            let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                let reason =
                    errno == EEXIST
                    ? "exists; a key is never overwritten (move it away first)"
                    : String(cString: strerror(errno))
                throw CLIFailure(.outputNotWritten, "\(output): \(reason)")
            }
            let bytes = Array(key.pemRepresentation.utf8)
            let written = bytes.withUnsafeBufferPointer {
                Foundation.write(fd, $0.baseAddress, $0.count)
            }
            let closed = close(fd)
            guard written == bytes.count, closed == 0 else {
                unlink(full)
                throw CLIFailure(.outputNotWritten, "\(output): the key could not be written")
            }
            let line = key.dnsRecordLine(selector: selector, domain: domain)
            try environment.writeStandardOutput(Array("\(line)\n".utf8))
        }
    }
}
