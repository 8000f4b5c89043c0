import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Creates, or on a re-run updates, one email through Buttondown's REST API.
///
/// The shapes, each from Buttondown's API reference (https://docs.buttondown.com, and the
/// OpenAPI spec it is generated from, https://github.com/buttondown/openapi):
/// - authentication: header `Authorization: Token <key>` ("api-authentication");
/// - find: `GET /v1/emails?subject=…&status=draft&status=scheduled`, an `EmailPage`
///   (`count`, `next`, `previous`, `results`) whose `subject` filter matches substrings
///   ("api-emails-list", "api-filtering", "api-pagination": follow `next` until null);
/// - create: `POST /v1/emails` with `EmailInput`, answered 201 with the `Email`
///   ("api-emails-create");
/// - update: `PATCH /v1/emails/{id}` with `EmailUpdateInput`, answered 200 ("api-emails-update");
/// - errors: `{"code": …, "detail": …, "metadata": …}` ("api-error-codes"); 401 without valid
///   authentication, 403 without permission, 400/422 for a refused request
///   ("api-response-codes"); 429 with `Retry-After` in seconds ("api-rate-limits"); for 429
///   and 5xx, back off and retry ("api-error-codes", "Handling errors").
///
/// Each attempt starts with the find, so a create whose answer was lost (a timeout, a 5xx
/// after the fact) is found, not repeated, on the next attempt.
public final class ButtondownClient {
    /// The API root, `https://api.buttondown.com/v1` by default.
    public let baseURL: URL
    private let token: String
    private let attempts: Int
    private let initialDelay: Double
    private let maxDelay: Double
    private let timeout: Double
    private let sleep: (Double) -> Void
    private let http: HTTPClient
    private(set) var requests = 0

    /// The documented API root.
    public static let defaultBaseURL = URL(string: "https://api.buttondown.com/v1")!

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - attempts: Tries in all for a temporary failure (429, 5xx, no connection).
    ///   - initialDelay: Seconds before the first retry when Buttondown gives no
    ///     `Retry-After`; each later wait doubles, up to `maxDelay`.
    ///   - sleep: Waits a number of seconds.
    public init(
        baseURL: URL = ButtondownClient.defaultBaseURL, token: String, attempts: Int = 5,
        initialDelay: Double = 2, maxDelay: Double = 300, timeout: Double = 60,
        sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = URL(string: base) ?? baseURL
        self.token = token
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
        self.sleep = sleep
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(
            connect: .seconds(Int64(min(timeout, 60))), read: .seconds(Int64(timeout)))
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit { try? http.syncShutdown() }

    /// Finds the email with exactly `email.subject` among drafts and scheduled emails and
    /// updates it, or creates it when there is none; retries temporary failures.
    public func publish(_ email: ButtondownEmail) throws(ButtondownError) -> ButtondownOutcome {
        var attempt = 1
        while true {
            do {
                return try publishOnce(email)
            } catch {
                guard error.isTransient, attempt < attempts else {
                    if error.isTransient {
                        throw ButtondownError(
                            "\(error.description); gave up after \(attempt) attempt\(attempt == 1 ? "" : "s")"
                        )
                    }
                    throw error
                }
                let backoff = min(maxDelay, initialDelay * pow(2, Double(attempt - 1)))
                let delay = error.retryAfter ?? backoff
                guard delay <= maxDelay else {
                    throw ButtondownError(
                        "\(error.description); Buttondown asks to wait \(Self.seconds(delay)), longer than \(Self.seconds(maxDelay)): try again later"
                    )
                }
                sleep(delay)
                attempt += 1
            }
        }
    }

    private func publishOnce(_ email: ButtondownEmail) throws(ButtondownError) -> ButtondownOutcome
    {
        let body: Data
        do {
            body = try email.json()
        } catch {
            throw ButtondownError("cannot encode the email as JSON: \(error)")
        }
        if let existing = try find(subject: email.subject) {
            let answer = try send(
                "PATCH", path: "/emails/" + Self.pathSegment(existing), body: body)
            let updated = try Self.email(in: answer, request: "PATCH /v1/emails/{id}")
            return ButtondownOutcome(
                updated: true, id: updated.id, status: updated.status, requests: requests)
        }
        let answer = try send("POST", path: "/emails", body: body)
        let created = try Self.email(in: answer, request: "POST /v1/emails")
        return ButtondownOutcome(
            updated: false, id: created.id, status: created.status, requests: requests)
    }

    /// The id of the draft or scheduled email whose subject is exactly `subject`.
    private func find(subject: String) throws(ButtondownError) -> String? {
        var components = URLComponents(
            url: baseURL.appendingPathComponent("emails"), resolvingAgainstBaseURL: false)
        components?.queryItems = [
            URLQueryItem(name: "subject", value: subject),
            URLQueryItem(name: "status", value: "draft"),
            URLQueryItem(name: "status", value: "scheduled"),
        ]
        // `+` is a space to form decoders: encode it, as every other reserved character is.
        let query = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = query
        guard var next = components?.url else {
            throw ButtondownError("cannot form the list URL from \(baseURL)")
        }
        var pages = 0
        while true {
            pages += 1
            let answer = try send("GET", url: next, body: nil)
            guard let page = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
                let results = page["results"] as? [[String: Any]]
            else {
                throw ButtondownError(
                    "Buttondown's answer to GET /v1/emails is not an email page (count, next, results)"
                )
            }
            if let match = results.first(where: { $0["subject"] as? String == subject }),
                let id = match["id"] as? String
            {
                return id
            }
            // Pages are followed while they lead on, and no further than 100 (10,000 emails).
            guard let link = page["next"] as? String, let url = URL(string: link), pages < 100
            else { return nil }
            next = url
        }
    }

    private func send(_ method: String, path: String, body: Data?) throws(ButtondownError) -> Data {
        guard let url = URL(string: baseURL.absoluteString + path) else {
            throw ButtondownError("cannot form the URL of \(path) under \(baseURL)")
        }
        return try send(method, url: url, body: body)
    }

    /// One request; a non-2xx answer becomes a ``ButtondownError``.
    ///
    /// The HTTP client is swift-server's async-http-client (over the SwiftNIO and NIOSSL that
    /// `send` already uses, with certificate and host name verification), not Foundation's
    /// URLSession: on Linux that is FoundationNetworking over libcurl, whose two dozen shared
    /// libraries every conversion would then load at start-up.
    private func send(_ method: String, url: URL, body: Data?) throws(ButtondownError) -> Data {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Token " + token)
        headers.add(name: "Accept", value: "application/json")
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let label = "\(method) \(url.path)"
        requests += 1
        let response: HTTPClient.Response
        do {
            let request = try HTTPClient.Request(
                url: url, method: HTTPMethod(rawValue: method), headers: headers,
                body: body.map { .bytes(Array($0)) })
            response = try http.execute(
                request: request, deadline: .now() + .seconds(Int64(timeout))
            ).wait()
        } catch {
            throw ButtondownError(
                "cannot reach \(url.host ?? url.absoluteString) (\(label)): \(Self.reason(error))",
                isTransient: true)
        }
        let data = response.body.map { Data($0.readableBytesView) } ?? Data()
        let status = Int(response.status.code)
        if (200..<300).contains(status) { return data }
        throw Self.failure(
            status: status, data: data,
            retryAfter: response.headers.first(name: "Retry-After"), label: label)
    }

    // MARK: - Answers

    /// The `id` and `status` of the `Email` in a create or update answer.
    private static func email(in data: Data, request: String) throws(ButtondownError)
        -> (id: String, status: String)
    {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let id = object["id"] as? String
        else {
            throw ButtondownError("Buttondown's answer to \(request) holds no email id")
        }
        return (id, object["status"] as? String ?? "")
    }

    /// The one-line message for a refused request.
    static func failure(status: Int, data: Data, retryAfter: String?, label: String)
        -> ButtondownError
    {
        let said = detail(data)
        let suffix = said.map { ": " + $0 } ?? ""
        switch status {
        case 401:
            return ButtondownError(
                "Buttondown refused the API token (401 Unauthorized\(suffix)); check the key in --token-env's variable"
            )
        case 403:
            return ButtondownError(
                "the API token may not do \(label) (403 Forbidden\(suffix)); give the key email access"
            )
        case 429:
            let wait = retryAfter.flatMap(Double.init)
            return ButtondownError(
                "Buttondown is rate limiting (429 Too Many Requests\(wait.map { ", retry after \(seconds($0))" } ?? ""))",
                isTransient: true, retryAfter: wait)
        case 500...599:
            return ButtondownError(
                "Buttondown failed on \(label) (\(status)\(suffix))", isTransient: true)
        default:
            return ButtondownError("Buttondown refused \(label) (\(status)\(suffix))")
        }
    }

    /// `code: detail` from Buttondown's error body, or a validation error's fields; nil when
    /// the body says nothing readable.
    static func detail(_ data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let text = String(decoding: data.prefix(200), as: UTF8.self)
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            return text.isEmpty ? nil : text
        }
        let code = object["code"] as? String
        if let detail = object["detail"] as? String {
            return code.map { "\($0): \(detail)" } ?? detail
        }
        // 422: `detail` is a list of {type, loc, msg} ("api-error-codes", "Validation errors").
        if let entries = object["detail"] as? [[String: Any]] {
            let parts = entries.map { entry -> String in
                let location = (entry["loc"] as? [Any])?.map { "\($0)" }.joined(separator: ".")
                let message = entry["msg"] as? String ?? entry["type"] as? String ?? "invalid"
                return location.map { "\($0): \(message)" } ?? message
            }
            return parts.joined(separator: "; ")
        }
        return code
    }

    private static func reason(_ error: any Error) -> String {
        if let client = error as? HTTPClientError { return "\(client)" }
        return "\(error)"
    }

    private static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_"])) ?? id
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
