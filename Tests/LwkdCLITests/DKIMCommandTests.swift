import Foundation
import LwkdTestSupport
import Testing

/// `dkim keygen`, then `--to eml --dkim-key`: every message verifies with dkimpy against the
/// record keygen printed.
@Suite struct DKIMCommandTests {
    /// The TXT value inside keygen's `NAME._domainkey.DOMAIN IN TXT ( "…" "…" )`.
    static func record(_ line: String) -> String {
        line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            .joined()
    }

    /// dkimpy's verdict on each file, or nil when dkimpy is not installed.
    static func verify(_ files: [String], record: String, selector: String, domain: String)
        throws -> [Bool]?
    {
        let script = """
            import sys
            try:
                import dkim, nacl
            except ImportError:
                sys.exit(2)
            record, name = sys.argv[1].encode(), sys.argv[2].encode()
            dns = lambda q, timeout=5: record if q == name else None
            for path in sys.argv[3:]:
                print('ok' if dkim.verify(open(path, 'rb').read(), dnsfunc=dns) else 'bad')
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", "-c", script, record, "\(selector)._domainkey.\(domain)."] + files
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2 { return nil }
        return said.split(separator: "\n").map { $0 == "ok" }
    }

    @Test(arguments: ["rsa", "ed25519"])
    func keygenThenSignedMessagesVerify(_ type: String) throws {
        let dir = try TemporaryDirectory()
        let keygen = CLIRun.run(
            ["dkim", "keygen", "--selector", "s2026", "--domain", "lwkd.info", "--type", type,
             "-o", "key.pem"], directory: dir.path)
        #expect(keygen.code == 0, "\(keygen.stderr)")
        #expect(keygen.stdout.hasPrefix("s2026._domainkey.lwkd.info IN TXT ( \"v=DKIM1; k=\(type); p="))
        var info = stat()
        #expect(stat(dir.path + "/key.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let again = CLIRun.run(
            ["dkim", "keygen", "--selector", "s", "--domain", "lwkd.info", "-o", "key.pem"],
            directory: dir.path)
        #expect(again.code == 7)

        let posts = Repository.samplePosts + Repository.seedPosts
        var files: [String] = []
        for (index, post) in posts.enumerated() {
            let file = dir.path + "/m\(index).eml"
            let run = CLIRun.run(
                [post.path, "--to", "eml", "-o", file, "--dkim-key", "key.pem", "--dkim-selector",
                 "s2026", "--quiet", "--resource-path", Repository.samples.path],
                directory: dir.path)
            try #require(run.code == 0, "\(post.lastPathComponent): \(run.stderr)")
            files.append(file)
        }
        guard let verdicts = try Self.verify(
            files, record: Self.record(keygen.stdout), selector: "s2026", domain: "lwkd.info")
        else {
            print("skipped: dkimpy verification (pip install dkimpy pynacl; make test-deps does)")
            return
        }
        #expect(verdicts == Array(repeating: true, count: files.count), "\(verdicts)")
        // One byte of a body changed: no longer verifies.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: files[0])))
        let at = bytes.count - 10
        bytes[at] = bytes[at] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Data(bytes).write(to: URL(fileURLWithPath: files[0]))
        #expect(
            try Self.verify([files[0]], record: Self.record(keygen.stdout), selector: "s2026",
                domain: "lwkd.info") == [false])
    }

    @Test func dkimOptionsAreCheckedBeforeWriting() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("weak.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        let post = Repository.samplePosts[0].path
        let noSelector = CLIRun.run([post, "--to", "eml", "--dkim-key", "weak.pem"], directory: dir.path)
        #expect(noSelector.code == 64)
        #expect(noSelector.stderr.contains("--dkim-key needs --dkim-selector"))
        let bad = CLIRun.run(
            [post, "--to", "eml", "--dkim-key", "weak.pem", "--dkim-selector", "s"], directory: dir.path)
        #expect(bad.code == 64)
        #expect(bad.stderr.contains("--dkim-key weak.pem:"))
        let html = CLIRun.run(
            [post, "--to", "html", "--dkim-key", "weak.pem", "--dkim-selector", "s"], directory: dir.path)
        #expect(html.code == 64)
    }
}
