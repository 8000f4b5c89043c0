import Foundation
import LwkdSend
import LwkdTestSupport
import Testing

/// Paths inside the repository this test file lives in.
enum Repo {
    static let root = Repository.root().path
    static let support = root + "/Tests/LwkdSendTests/Support"
    static let binary = Repository.builtProducts.appendingPathComponent("lwkdconv").path
}

/// A fresh temporary directory, removed by the caller with `cleanUp`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "lwkdsend-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Why the harness could not start.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// The aiosmtpd test server (Support/smtp_server.py) running on 127.0.0.1 in a child process.
///
/// It stops when this object is stopped or deallocated (its standard input closes), and by
/// itself after `maxSeconds`.
final class SMTPTestServer {
    /// One message the server stored.
    struct Received: Decodable {
        var seq: Int
        var file: String
        var mail_from: String
        var rcpt_tos: [String]
        var message_id: String?
        var to: String?
        var tls: Bool
        var login: String?
        var pipelined: Bool
        /// The MAIL FROM parameters (`BODY=8BITMIME`, `SMTPUTF8`).
        var mail_options: [String]?
        /// The To header's mailboxes as Python's `email` (policy SMTPUTF8) parsed them.
        var utf8_to: [ParsedAddress]?
        /// The parse's defects (message and From, To, Subject headers); empty when clean.
        var defects: [String]?
    }

    /// One mailbox as Python's `email` package read it.
    struct ParsedAddress: Decodable, Equatable {
        var addr_spec: String
        var display_name: String
    }

    let directory: String
    let port: Int
    let caFile: String?
    private let script: SupportScript

    init(
        directory: String, starttls: Bool = false, implicitTLS: Bool = false, user: String? = nil,
        password: String? = nil, failEvery: Int = 0, dropAt: Int = 0, hangAt: Int = 0,
        stallAt: Int = 0, idleTimeout: Double = 0,
        refuse: String? = nil, pipelining: Bool = false, smtputf8: Bool = false,
        maxSeconds: Int = 300
    ) throws {
        self.directory = directory
        var arguments = [
            Repo.support + "/smtp_server.py", "--dir", directory, "--max-seconds",
            String(maxSeconds),
        ]
        if starttls { arguments.append("--starttls") }
        if implicitTLS { arguments.append("--implicit-tls") }
        if let user, let password { arguments += ["--user", user, "--password", password] }
        if failEvery > 0 { arguments += ["--fail-every", String(failEvery)] }
        if dropAt > 0 { arguments += ["--drop-at", String(dropAt)] }
        if hangAt > 0 { arguments += ["--hang-at", String(hangAt)] }
        if stallAt > 0 { arguments += ["--stall-at", String(stallAt)] }
        if pipelining { arguments.append("--pipelining") }
        if smtputf8 { arguments.append("--smtputf8") }
        if idleTimeout > 0 { arguments += ["--idle-timeout", String(idleTimeout)] }
        if let refuse { arguments += ["--refuse", refuse] }
        script = try SupportScript(arguments, name: "the aiosmtpd test server")
        self.port = script.port
        self.caFile = script.info["ca"] as? String
    }

    deinit { stop() }

    /// Stops the server.
    func stop() { script.stop() }

    /// Everything stored so far, in order.
    func received() -> [Received] {
        guard let text = try? String(contentsOfFile: directory + "/received.jsonl", encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Received.self, from: Data($0.utf8))
        }
    }

    /// The stored bytes of one message.
    func contents(of message: Received) -> [UInt8] {
        Array(FileManager.default.contents(atPath: directory + "/" + message.file) ?? Data())
    }

    static func firstLine(of handle: FileHandle, seconds: Double) -> String? {
        final class Box: @unchecked Sendable { var line: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var bytes: [UInt8] = []
            while true {
                let chunk = handle.readData(ofLength: 1)
                if chunk.isEmpty || chunk.first == 10 { break }
                bytes.append(contentsOf: chunk)
            }
            box.line = String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.line
    }
}

/// A Python script from Support/ running as a child process: it prints one JSON line with
/// its `port` when ready, and stops when its standard input closes (or on ``stop()``).
final class SupportScript {
    /// The ready line's fields.
    let info: [String: Any]
    /// Where it listens on 127.0.0.1.
    let port: Int
    private let process = Process()
    private let stdin = Pipe()

    /// Starts `python3 ARGUMENTS` (the script path first) and waits at most 30 s for it.
    init(_ arguments: [String], name: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let line = SMTPTestServer.firstLine(of: stdout.fileHandleForReading, seconds: 30)
        guard let line, let data = line.data(using: .utf8),
            let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let port = info["port"] as? Int
        else {
            process.terminate()
            let errors = String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)
            throw HarnessError(
                description:
                    "\(name) did not start: \(errors.isEmpty ? "no output within 30 s" : errors)")
        }
        self.info = info
        self.port = port
    }

    deinit { stop() }

    /// Stops the script.
    func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}

/// dkimpy's verdict on message files signed with selector `s1` of `lwkd.info`: "0" when all
/// verify, else the count and the files that failed; nil when dkimpy or PyNaCl is missing.
func dkimpyVerdict(_ files: [String], record: String) throws -> String? {
    let script = """
        import sys
        try:
            import dkim, nacl
        except ImportError:
            sys.exit(2)
        record = sys.argv[1].encode()
        dns = lambda q, timeout=5: record if q == b's1._domainkey.lwkd.info.' else None
        bad = [p for p in sys.argv[2:] if not dkim.verify(open(p, 'rb').read(), dnsfunc=dns)]
        print(len(bad), *bad)
        """
    let verify = Process()
    verify.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    verify.arguments = ["python3", "-c", script, record] + files
    let out = Pipe()
    verify.standardOutput = out
    try verify.run()
    let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    verify.waitUntilExit()
    if verify.terminationStatus == 2 { return nil }
    return said.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Recipients `user000@example.org` … for tests.
func testRecipients(_ count: Int) -> [Recipient] {
    (0..<count).map { i in
        let n = String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i)
        return Recipient(
            email: "user\(n)@example.org", name: "User \(n)", token: "tok\(n)", line: i + 2)
    }
}

/// A small RFC 5322 message for transport tests (the CLI builds real ones with the eml writer).
func testMessage(for recipient: Recipient, messageID: String) -> [UInt8] {
    let text =
        [
            "From: LWKD <news@lwkd.info>", "To: \(recipient.mailbox)",
            "Subject: Week Ending November 15, 2026",
            "Date: Wed, 18 Nov 2026 05:00:00 +0000", "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "", "Hello \(recipient.name ?? "")!",
            ".a line that starts with a dot", ".", "..", "last line",
        ].joined(separator: "\r\n") + "\r\n"
    return Array(text.utf8)
}

/// A listening socket on 127.0.0.1 that never accepts: connections succeed and then hear
/// nothing (a hung server).
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw HarnessError(description: "cannot listen on 127.0.0.1")
        }
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = getsockname(fd, $0, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// A port on 127.0.0.1 where nothing listens.
func closedPort() throws -> Int {
    let listener = try SilentListener()
    return listener.port  // closed when `listener` is released on return
}
