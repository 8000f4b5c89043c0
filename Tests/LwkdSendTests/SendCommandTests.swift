import Foundation
import LwkdMail
import Testing

@testable import LwkdSend

/// `lwkdconv send` run as a subprocess (the built binary), against the aiosmtpd server.
@Suite(.serialized) struct SendCommandTests {
    private static let password = "cli-Pa55-word"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A running `lwkdconv`, killed after `seconds` at the latest.
    final class Child {
        let process = Process()
        private let out = Pipe(), err = Pipe()

        init(_ arguments: [String], environment: [String: String] = [:], in directory: String)
            throws
        {
            guard FileManager.default.isExecutableFile(atPath: Repo.binary) else {
                throw HarnessError(
                    description:
                        "\(Repo.binary) is missing: run `swift build --product lwkdconv` first (make test does)"
                )
            }
            process.executableURL = URL(fileURLWithPath: Repo.binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        func wait(seconds: Double = 120) -> Result {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let stdout = String(
                decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(
                decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
    }

    private func writeList(_ recipients: [Recipient], to path: String, extra: String = "") throws {
        var text = "email,name,token,plan\n"
        for r in recipients { text += "\(r.email),\(r.name ?? ""),\(r.token ?? ""),weekly\n" }
        try Data((text + extra).utf8).write(to: URL(fileURLWithPath: path))
    }

    private func smtpArguments(
        _ server: SMTPTestServer, journal: String, post: String = Repo.support + "/sample-post.md"
    ) -> [String] {
        [
            "send", post, "--list", "list.csv", "--smtp",
            "smtp://127.0.0.1:\(server.port)",
            "--starttls", "--ca-file", server.caFile ?? "", "--user", "lwkd", "--password-env",
            "LWKD_TEST_PASSWORD",
            "--from-address", "LWKD <news@lwkd.info>", "--unsubscribe-url",
            "https://lwkd.info/unsubscribe/{{token}}",
            "--journal", journal, "--retry-delay", "0.05", "--timeout", "10",
        ]
    }

    /// Journal lines as (event, email) pairs.
    private func journalEvents(_ path: String) throws -> [(String, String)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
                    as? [String: String],
                let event = object["event"], let email = object["email"]
            else { return nil }
            return (event, email)
        }
    }

    @Test func aRunKilledPartWayIsFinishedByARerunWithoutDifferingCopies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // The server stores the 60th message and then never replies: the sender is killed while
        // it cannot know the message arrived, the worst moment.
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password,
            stallAt: 60)
        defer { server.stop() }
        let recipients = testRecipients(200)
        try writeList(recipients, to: dir.path + "/list.csv")
        let arguments = smtpArguments(server, journal: "send.journal")
        let environment = ["LWKD_TEST_PASSWORD": Self.password]

        let first = try Child(
            arguments + ["--rate", "200/s"], environment: environment, in: dir.path)
        let deadline = Date().addingTimeInterval(60)
        while server.received().count < 60, first.process.isRunning, Date() < deadline {
            usleep(5_000)
        }
        kill(first.process.processIdentifier, SIGKILL)
        let killed = first.wait()
        #expect(killed.status == SIGKILL)
        #expect(server.received().count == 60)

        // The journal: 59 accepted, the 60th attempted and never confirmed.
        var state: [String: String] = [:]
        for (event, email) in try journalEvents(dir.path + "/send.journal") {
            state[email] = event
        }
        #expect(state.values.filter { $0 == "accepted" }.count == 59)
        #expect(state.filter { $0.value == "attempted" }.map(\.key) == ["user059@example.org"])

        let second = try Child(arguments, environment: environment, in: dir.path).wait()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stdout
                == "send: sent 141 (1 resent), skipped 59 already sent, failed 0, retries 0 — 200 recipients; journal send.journal\n"
        )

        // Everyone has it once, except the one resent, whose two copies share a Message-ID.
        var copies: [String: [String?]] = [:]
        for message in server.received() {
            copies[message.rcpt_tos.joined(separator: ","), default: []].append(message.message_id)
        }
        #expect(copies.count == 200)
        for recipient in recipients {
            let ids = copies[recipient.email] ?? []
            #expect(
                ids.count == (recipient.email == "user059@example.org" ? 2 : 1),
                "\(recipient.email): \(ids.count) copies")
            #expect(
                Set(ids).count == 1,
                "\(recipient.email) has copies with different Message-IDs: \(ids)")
        }

        // A third run has nothing left to do.
        let third = try Child(arguments, environment: environment, in: dir.path).wait()
        #expect(third.status == 0)
        #expect(
            third.stdout.hasPrefix("send: sent 0 (0 resent), skipped 200 already sent, failed 0"))
        #expect(server.received().count == 201)
    }

    @Test func aRunKilledAtARandomMomentLeavesNoDifferingCopies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password)
        defer { server.stop() }
        let recipients = testRecipients(200)
        try writeList(recipients, to: dir.path + "/list.csv")
        let arguments = smtpArguments(server, journal: "send.journal")
        let environment = ["LWKD_TEST_PASSWORD": Self.password]

        let first = try Child(
            arguments + ["--rate", "100/s"], environment: environment, in: dir.path)
        let deadline = Date().addingTimeInterval(60)
        while server.received().count < 80, first.process.isRunning, Date() < deadline {
            usleep(3_000)
        }
        kill(first.process.processIdentifier, SIGKILL)
        #expect(first.wait().status == SIGKILL)

        var state: [String: String] = [:]
        for (event, email) in try journalEvents(dir.path + "/send.journal") {
            state[email] = event
        }
        let accepted = state.values.filter { $0 == "accepted" }.count
        let unconfirmed = state.values.filter { $0 == "attempted" }.count
        #expect(accepted >= 79 && accepted < 200 && unconfirmed <= 1)

        let second = try Child(arguments, environment: environment, in: dir.path).wait()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stdout.hasPrefix(
                "send: sent \(200 - accepted) (\(unconfirmed) resent), skipped \(accepted) already sent, failed 0, retries 0"
            ))
        var copies: [String: [String?]] = [:]
        for message in server.received() {
            copies[message.rcpt_tos.joined(separator: ","), default: []].append(message.message_id)
        }
        #expect(copies.count == 200)
        #expect(copies.values.allSatisfy { Set($0).count == 1 })
        #expect(copies.values.filter { $0.count > 1 }.count <= unconfirmed)
    }

    /// Mailing cannot be taken back: a post GitHub Pages will not publish yet, or one that still
    /// holds template bullets, is refused with its findings; `--no-check` sends it.
    @Test func unpublishablePostsAreRefusedUnlessNoCheck() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password)
        defer { server.stop() }
        try writeList(testRecipients(1), to: dir.path + "/list.csv")
        let sample = try String(contentsOfFile: Repo.support + "/sample-post.md", encoding: .utf8)
        let future = sample.replacingOccurrences(
            of: "date: 2026-11-18 05:00:00 -0000", with: "date: 2099-11-18 05:00:00 -0000")
        let bullets = sample + "\n## Promotions\n\n*\n"
        try Data(future.utf8).write(to: URL(fileURLWithPath: dir.path + "/2026-11-15-future.md"))
        try Data(bullets.utf8).write(to: URL(fileURLWithPath: dir.path + "/2026-11-15-bullets.md"))
        let cases = [
            ("2026-11-15-future.md", ":4:7: error: date 2099-11-18 05:00:00 -0000 is in the future",
             "[date-in-future]"),
            ("2026-11-15-bullets.md", ":24:1: error: empty list item left from the template",
             "[bare-list-item]"),
        ]
        for (index, (post, finding, rule)) in cases.enumerated() {
            let refused = try Child(
                smtpArguments(server, journal: "r\(index)", post: post),
                environment: ["LWKD_TEST_PASSWORD": Self.password], in: dir.path
            ).wait()
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains(post + finding), "\(refused.stderr)")
            #expect(refused.stderr.contains(rule))
            #expect(refused.stderr.contains("not sent"))
            #expect(server.received().count == index, "nothing is mailed")
            let sent = try Child(
                smtpArguments(server, journal: "s\(index)", post: post) + ["--no-check"],
                environment: ["LWKD_TEST_PASSWORD": Self.password], in: dir.path
            ).wait()
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(server.received().count == index + 1)
        }
    }

    /// Each of 200 personalised copies carries its own DKIM signature, and dkimpy verifies
    /// every one as aiosmtpd received it.
    @Test(arguments: ["ed25519", "rsa"])
    func everyPersonalisedCopyIsSigned(_ type: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password)
        defer { server.stop() }
        try writeList(testRecipients(200), to: dir.path + "/list.csv")
        let keygen = try Child(
            ["dkim", "keygen", "--selector", "s1", "--domain", "lwkd.info", "--type", type,
             "-o", "key.pem"], in: dir.path
        ).wait()
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let record = keygen.stdout.split(separator: "\"").enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element).joined()
        let result = try Child(
            smtpArguments(server, journal: "j") + ["--dkim-key", "key.pem", "--dkim-selector", "s1"],
            environment: ["LWKD_TEST_PASSWORD": Self.password], in: dir.path
        ).wait(seconds: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let received = server.received()
        try #require(received.count == 200)
        let files = received.map { dir.path + "/server/" + $0.file }
        guard let verdict = try dkimpyVerdict(files, record: record) else {
            print("skipped: dkimpy verification (make test-deps installs dkimpy)")
            return
        }
        #expect(verdict == "0", "dkimpy failed: \(verdict)")
    }

    @Test func messagesArePersonalised() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password)
        defer { server.stop() }
        try writeList(testRecipients(2), to: dir.path + "/list.csv")
        let result = try Child(
            smtpArguments(server, journal: "j"), environment: ["LWKD_TEST_PASSWORD": Self.password],
            in: dir.path
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
        let received = server.received()
        try #require(received.count == 2)
        let text = String(decoding: server.contents(of: received[1]), as: UTF8.self)
        #expect(received[1].to == "User 001 <user001@example.org>")
        #expect(text.contains("List-Unsubscribe: <https://lwkd.info/unsubscribe/tok001>\r\n"))
        #expect(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(
            received[1].message_id
                == MessageID.stable(
                    post: "https://lwkd.info/2026/2026-11-15-update",
                    recipient: "user001@example.org", domain: "lwkd.info"))
    }

    @Test func aWrongPasswordExitsEightWithoutShowingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try SMTPTestServer(
            directory: dir.path + "/server", starttls: true, user: "lwkd", password: Self.password)
        defer { server.stop() }
        try writeList(testRecipients(3), to: dir.path + "/list.csv")
        let wrong = "not-the-Pa55word"
        let result = try Child(
            smtpArguments(server, journal: "j"), environment: ["LWKD_TEST_PASSWORD": wrong],
            in: dir.path
        ).wait()
        #expect(result.status == 8)
        #expect(
            result.stderr.contains(
                "lwkdconv: stopped: 127.0.0.1:\(server.port) refused the login for user 'lwkd': 535"
            ))
        #expect(
            result.stdout.hasPrefix(
                "send: sent 0 (0 resent), skipped 0 already sent, failed 0, retries 0, not sent 3"))
        let journal = try String(contentsOfFile: dir.path + "/j", encoding: .utf8)
        for text in [result.stdout, result.stderr, journal] {
            #expect(!text.contains(wrong) && !text.contains(Data(wrong.utf8).base64EncodedString()))
        }
    }

    /// `send` of the sample post to `list.csv` in `dir`, as `.eml` files in `dir/out`.
    private func dryRun(in dir: TemporaryDirectory) throws -> Result {
        try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info", "--dry-run", "out",
            ],
            in: dir.path
        ).wait()
    }

    @Test func dryRunWritesOneFilePerValidRecipient() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try writeList(
            testRecipients(3), to: dir.path + "/list.csv",
            extra: "broken-address,X,t,weekly\nUSER001@example.org,Again,t,weekly\n")
        let result = try dryRun(in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("list.csv:5: invalid address 'broken-address': no @; skipped"))
        #expect(result.stderr.contains("list.csv:6: USER001@example.org repeats line 3; sent once"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").sorted()
        #expect(
            files == [
                "user000@example.org.eml", "user001@example.org.eml", "user002@example.org.eml",
            ])
        #expect(
            !FileManager.default.fileExists(
                atPath: dir.path + "/lwkdconv-send-2026-11-15-update.journal"))
    }

    /// `a/b@…` and `a_b@…` once shared the file `a_b@….eml`: the second overwrote the first and
    /// the summary still counted two (issue 15, item 10). Each recipient gets a file of its own;
    /// an address kept as it is keeps its name, an altered one gets a suffix from its hash.
    @Test func dryRunFileNamesNeverCollide() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let addresses = ["a/b@example.org", "a_b@example.org", "a?b@example.org", "a_b+x@example.org"]
        try Data(("email\n" + addresses.map { $0 + "\n" }.joined()).utf8).write(
            to: URL(fileURLWithPath: dir.path + "/list.csv"))
        let result = try dryRun(in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("send: sent 4 (0 resent)"), "\(result.stdout)")
        let out = dir.path + "/out"
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.count == 4, "\(files)")
        #expect(files.contains("a_b@example.org.eml") && files.contains("a_b+x@example.org.eml"))
        // Every message is there, each in its own file.
        let recipients = try files.map { name in
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            return addresses.first { text.contains("To: <\($0)>") || text.contains("To: \($0)") }
        }
        #expect(Set(recipients.compactMap { $0 }) == Set(addresses), "\(files)")
    }

    @Test func unsubscribeURLsArePersonalisedAndEncoded() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Data("email,token\nann+news@example.org,a b/c&d\n".utf8).write(
            to: URL(fileURLWithPath: dir.path + "/list.csv"))
        let result = try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info",
                "--unsubscribe-url", "https://lwkd.info/u?e={{email}}&t={{token}}", "--dry-run",
                "out",
            ],
            in: dir.path
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
        // RFC 5322 §2.2.3: unfold the header lines first.
        let message = try String(
            contentsOfFile: dir.path + "/out/ann+news@example.org.eml", encoding: .utf8
        )
        .replacingOccurrences(of: "\r\n ", with: " ")
        #expect(
            message.contains(
                "List-Unsubscribe: <https://lwkd.info/u?e=ann%2Bnews%40example.org&t=a%20b%2Fc%26d>\r\n"
            ))
        #expect(message.contains("To: ann+news@example.org\r\n"))
    }

    @Test func aListWithoutTokensIsRefusedWhenTheURLNeedsThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Data("email,token\na@example.org,t1\nb@example.org,\n".utf8).write(
            to: URL(fileURLWithPath: dir.path + "/list.csv"))
        let result = try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info",
                "--unsubscribe-url", "https://lwkd.info/u/{{token}}", "--dry-run", "out",
            ],
            in: dir.path
        ).wait()
        #expect(result.status == 6)
        #expect(
            result.stderr == "lwkdconv: list.csv:3: no token for --unsubscribe-url's {{token}}\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func sendmailGetsEachMessageOnItsStandardInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let script = dir.path + "/sendmail"
        try Data(
            "#!/bin/sh\nn=$(ls \(dir.path)/mail | grep -c args)\necho \"$@\" > \(dir.path)/mail/$n.args\ncat > \(dir.path)/mail/$n.eml\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        try FileManager.default.createDirectory(
            atPath: dir.path + "/mail", withIntermediateDirectories: true)
        try writeList(testRecipients(2), to: dir.path + "/list.csv")
        let result = try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info",
                "--sendmail", "--sendmail-program", script, "--journal", "j",
            ],
            in: dir.path
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
        let args = try String(contentsOfFile: dir.path + "/mail/0.args", encoding: .utf8)
        #expect(args == "-t -i -f news@lwkd.info\n")
        let message = try String(contentsOfFile: dir.path + "/mail/1.eml", encoding: .utf8)
        #expect(message.contains("To: User 001 <user001@example.org>\n") && !message.contains("\r"))
    }

    @Test func aFailingSendmailIsRetriedWhenTemporaryAndReportedWhenNot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // Exits 75 (EX_TEMPFAIL) on its first call, then accepts everyone except user001.
        let script = dir.path + "/sendmail"
        try Data(
            """
            #!/bin/sh
            body=$(cat)
            if [ ! -e \(dir.path)/called ]; then touch \(dir.path)/called; echo "queue busy" >&2; exit 75; fi
            case "$body" in *user001@*) echo "user unknown" >&2; exit 67;; esac
            echo x >> \(dir.path)/accepted

            """.utf8
        ).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        try writeList(testRecipients(3), to: dir.path + "/list.csv")
        let result = try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info",
                "--sendmail", "--sendmail-program", script, "--journal", "j", "--retry-delay",
                "0.01",
            ],
            in: dir.path
        ).wait()
        #expect(result.status == 8)
        #expect(
            result.stdout.hasPrefix(
                "send: sent 2 (0 resent), skipped 0 already sent, failed 1, retries 1"))
        #expect(
            result.stderr.contains(
                "lwkdconv: send: user000@example.org: \(script): exit status 75: queue busy; attempt 2 in 0.01 s"
            ))
        #expect(
            result.stderr.contains(
                "lwkdconv: send: user001@example.org: failed: \(script): exit status 67: user unknown"
            ))
        #expect(result.stderr.contains("lwkdconv: 1 of 3 recipients failed"))
    }

    @Test func showsProgressOnlyWhenStderrIsATerminal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try writeList(testRecipients(3), to: dir.path + "/list.csv")
        let command = [
            Repo.binary, "send", Repo.support + "/sample-post.md", "--list", "list.csv",
            "--from-address", "news@lwkd.info", "--dry-run", "out",
            // An https unsubscribe URL: without one, each message's missing List-Unsubscribe
            // is a warning on stderr.
            "--unsubscribe-url", "https://lwkd.info/u/{{email}}",
        ]
        // util-linux script(1) runs the command on a pseudo-terminal.
        let quoted = command.map { "'\($0)'" }.joined(separator: " ")
        let onTerminal = Process()
        onTerminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        onTerminal.arguments = ["-q", "-e", "-c", quoted, "/dev/null"]
        onTerminal.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let out = Pipe()
        onTerminal.standardOutput = out
        onTerminal.standardInput = FileHandle.nullDevice
        try onTerminal.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        onTerminal.waitUntilExit()
        #expect(onTerminal.terminationStatus == 0)
        #expect(text.contains("\r\u{1B}[K[3/3] sent 3, skipped 0, failed 0, retries 0"))
        let piped = try Child(Array(command.dropFirst()), in: dir.path).wait()
        #expect(piped.status == 0 && piped.stderr.isEmpty)
    }

    @Test func needsExactlyOneTransport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let result = try Child(
            [
                "send", Repo.support + "/sample-post.md", "--list", "x.csv", "--from-address",
                "a@b.org",
            ], in: dir.path
        ).wait()
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "give exactly one of --smtp URL, --sendmail, --dry-run DIR or --buttondown"))
    }
}
