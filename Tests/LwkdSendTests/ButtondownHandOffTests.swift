import Foundation
import Testing

/// `lwkdconv send --buttondown` against a local stand-in for Buttondown's API
/// (Support/buttondown_api.py), which checks every request against the documented shape.
@Suite(.serialized) struct ButtondownHandOffTests {
    private typealias Child = SendCommandTests.Child
    private static let token = "bd-test-0123456789abcdef"
    private static let post = Repo.support + "/sample-post.md"
    private static let subject = "LWKD: Week Ending November 15, 2026"

    private func arguments(_ server: ButtondownTestServer, _ extra: [String] = []) -> [String] {
        [
            "send", Self.post, "--buttondown", "--token-env", "LWKD_TEST_BUTTONDOWN",
            "--api-base", "http://127.0.0.1:\(server.port)/v1", "--retry-delay", "0.05",
            "--timeout", "10",
        ] + extra
    }

    private func run(
        _ server: ButtondownTestServer, _ extra: [String] = [], token: String = token,
        in dir: TemporaryDirectory
    ) throws -> SendCommandTests.Result {
        try Child(
            arguments(server, extra), environment: ["LWKD_TEST_BUTTONDOWN": token], in: dir.path
        ).wait()
    }

    /// The body `--to buttondown` writes for the post.
    private func convertedBody(in dir: TemporaryDirectory) throws -> String {
        let result = try Child([Self.post, "--to", "buttondown"], in: dir.path).wait()
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func createsADraftAndASecondRunUpdatesIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(directory: dir.path + "/api", token: Self.token)
        defer { server.stop() }
        let first = try run(server, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("send: buttondown: created draft "), "\(first.stdout)")
        let created = server.requests()
        #expect(created.map(\.line) == ["GET /v1/emails", "POST /v1/emails"])
        #expect(created.first?.query["subject"] == [Self.subject])
        #expect(created.first?.query["status"] == ["draft", "scheduled"])
        let body = try #require(created.last?.body)
        #expect(body["subject"] == Self.subject)
        #expect(body["status"] == "draft")
        #expect(body["body"] == (try convertedBody(in: dir)))
        #expect(Set(body.keys) == ["subject", "body", "status"])

        let second = try run(server, in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("send: buttondown: updated draft "), "\(second.stdout)")
        let all = server.requests()
        let id = try #require(server.emails().first?.id)
        #expect(
            all.map(\.line)
                == [
                    "GET /v1/emails", "POST /v1/emails", "GET /v1/emails", "PATCH /v1/emails/\(id)",
                ])
        // No second draft.
        #expect(server.emails().count == 1)
        #expect(all.allSatisfy { $0.problems.isEmpty && $0.authorization_scheme == "Token" })
    }

    @Test func aRateLimitIsWaitedOutAsRetryAfterSays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(
            directory: dir.path + "/api", token: Self.token, rateLimit: 1, retryAfter: 1)
        defer { server.stop() }
        let result = try run(server, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            server.requests().map { "\($0.status) \($0.line)" }
                == ["429 GET /v1/emails", "200 GET /v1/emails", "201 POST /v1/emails"])
        #expect(server.emails().count == 1)
    }

    @Test func aRefusedTokenStopsAtTheFirstRequest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(directory: dir.path + "/api", token: Self.token)
        defer { server.stop() }
        let result = try run(server, token: "wrong-token", in: dir)
        #expect(result.status == 8)
        #expect(
            result.stderr.contains(
                "buttondown: Buttondown refused the API token (401 Unauthorized: unauthorized: Invalid token.)"
            ), "\(result.stderr)")
        #expect(!result.stderr.contains("wrong-token"))
        #expect(server.requests().map { "\($0.status) \($0.line)" } == ["401 GET /v1/emails"])
    }

    @Test func serverErrorsBackOffAndStop() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(
            directory: dir.path + "/api", token: Self.token, fail: 100)
        defer { server.stop() }
        let result = try run(server, ["--attempts", "3"], in: dir)
        #expect(result.status == 8)
        #expect(
            result.stderr.contains(
                "Buttondown failed on GET /v1/emails (503: unavailable: Service unavailable.); gave up after 3 attempts"
            ), "\(result.stderr)")
        #expect(server.requests().count == 3)
        #expect(server.emails().isEmpty)
    }

    @Test func aBadRequestShowsButtondownsErrorBody() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(
            directory: dir.path + "/api", token: Self.token, refuseBody: true)
        defer { server.stop() }
        let result = try run(server, in: dir)
        #expect(result.status == 8)
        #expect(
            result.stderr.contains(
                "Buttondown refused POST /v1/emails (400: body_invalid: The email body provided is invalid or cannot be parsed.)"
            ), "\(result.stderr)")
        // A 400 is not retried.
        #expect(server.requests().map(\.line) == ["GET /v1/emails", "POST /v1/emails"])
    }

    @Test func scheduledEmailsCarryTheirPublishDate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(directory: dir.path + "/api", token: Self.token)
        defer { server.stop() }
        let missing = try run(server, ["--buttondown-status", "scheduled"], in: dir)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--buttondown-status scheduled needs --publish-date"))
        let result = try run(
            server,
            ["--buttondown-status", "scheduled", "--publish-date", "2026-11-19T15:00:00Z"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("send: buttondown: created scheduled "), "\(result.stdout)")
        let body = try #require(server.requests().last?.body)
        #expect(body["status"] == "scheduled")
        #expect(body["publish_date"] == "2026-11-19T15:00:00Z")
    }

    @Test func theTokenComesOnlyFromTheEnvironment() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try ButtondownTestServer(directory: dir.path + "/api", token: Self.token)
        defer { server.stop() }
        let unset = try Child(arguments(server), in: dir.path).wait()
        #expect(unset.status == 64)
        #expect(
            unset.stderr.contains(
                "--token-env LWKD_TEST_BUTTONDOWN: the environment variable is not set"))
        let asArgument = try Child(arguments(server, ["--token", Self.token]), in: dir.path).wait()
        #expect(asArgument.status == 64)
        let withList = try run(server, ["--list", "x.csv"], in: dir)
        #expect(withList.status == 64)
        #expect(withList.stderr.contains("drop --list"))
        #expect(server.requests().isEmpty)
    }
}

/// Support/buttondown_api.py running on 127.0.0.1 in a child process.
final class ButtondownTestServer {
    /// One request as the server logged it.
    struct Request: Decodable {
        var method: String
        var path: String
        var query: [String: [String]]
        var authorization_scheme: String
        var body: [String: String]?
        var problems: [String]
        var status: Int

        var line: String { "\(method) \(path)" }

        enum CodingKeys: String, CodingKey {
            case method, path, query, authorization_scheme, body, problems, status
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            method = try c.decode(String.self, forKey: .method)
            path = try c.decode(String.self, forKey: .path)
            query = try c.decode([String: [String]].self, forKey: .query)
            authorization_scheme = try c.decode(String.self, forKey: .authorization_scheme)
            body = try? c.decode([String: String].self, forKey: .body)
            problems = try c.decode([String].self, forKey: .problems)
            status = try c.decode(Int.self, forKey: .status)
        }
    }

    /// One stored email.
    struct Email: Decodable {
        var id: String
        var subject: String
        var status: String
    }

    let directory: String
    let port: Int
    private let script: SupportScript

    init(
        directory: String, token: String, rateLimit: Int = 0, retryAfter: Int = 1, fail: Int = 0,
        refuseBody: Bool = false
    ) throws {
        self.directory = directory
        var arguments = [
            Repo.support + "/buttondown_api.py", "--dir", directory, "--token", token,
            "--rate-limit", String(rateLimit), "--retry-after", String(retryAfter),
            "--fail", String(fail),
        ]
        if refuseBody { arguments.append("--refuse-body") }
        script = try SupportScript(arguments, name: "the Buttondown test server")
        port = script.port
    }

    func stop() { script.stop() }

    func requests() -> [Request] {
        guard let text = try? String(contentsOfFile: directory + "/requests.jsonl", encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Request.self, from: Data($0.utf8))
        }
    }

    func emails() -> [Email] {
        guard let data = FileManager.default.contents(atPath: directory + "/emails.json") else {
            return []
        }
        return (try? JSONDecoder().decode([Email].self, from: data)) ?? []
    }
}
