import ArgumentParser
import Foundation
import LwkdButtondown
import LwkdCLI
import LwkdWriters

/// `send --buttondown`: the newsletter's own weekly step, handing the post to Buttondown.
struct ButtondownOptions: ParsableArguments {
    @Flag(
        help:
            "Create the email in Buttondown (a draft by default) instead of sending; a re-run updates the email it made."
    )
    var buttondown = false

    @Option(
        help: ArgumentHelp(
            "The environment variable holding the Buttondown API key.", valueName: "var"))
    var tokenEnv = "BUTTONDOWN_API_KEY"

    @Option(
        help: ArgumentHelp(
            "draft (the default), scheduled (needs --publish-date) or about_to_send.",
            valueName: "status"))
    var buttondownStatus: ButtondownEmail.Status = .draft

    @Option(
        help: ArgumentHelp(
            "When a scheduled email goes out, ISO 8601 such as 2026-08-20T15:00:00Z.",
            valueName: "date"))
    var publishDate: String?

    @Option(
        help: ArgumentHelp(
            "Buttondown's API root (tests point it at a local server).", valueName: "url"))
    var apiBase = ButtondownClient.defaultBaseURL.absoluteString

    /// Checks the Buttondown options among the others `send` was given.
    func validate(conflicting: [String]) throws {
        guard buttondown else {
            let given = [
                publishDate != nil ? "--publish-date" : nil,
                buttondownStatus != .draft ? "--buttondown-status" : nil,
            ].compactMap { $0 }
            if let first = given.first { throw ValidationError("\(first) needs --buttondown") }
            return
        }
        if let first = conflicting.first {
            throw ValidationError(
                "--buttondown hands the post to Buttondown, which keeps the list and sends: drop \(first)"
            )
        }
        switch (buttondownStatus, publishDate) {
        case (.scheduled, nil):
            throw ValidationError("--buttondown-status scheduled needs --publish-date")
        case (.scheduled, let date?):
            guard ISO8601DateFormatter().date(from: date) != nil else {
                throw ValidationError(
                    "--publish-date expects ISO 8601 such as 2026-08-20T15:00:00Z, got '\(date)'")
            }
        case (_, _?):
            throw ValidationError("--publish-date goes with --buttondown-status scheduled only")
        default: break
        }
        guard let url = URL(string: apiBase), url.scheme == "https" || url.scheme == "http",
            url.host != nil
        else {
            throw ValidationError("--api-base expects an http(s) URL, got '\(apiBase)'")
        }
    }
}

extension ButtondownEmail.Status: ExpressibleByArgument {}

extension SendCommand {
    /// Writes the Buttondown body and creates, or updates, the email through the API.
    func handOffToButtondown(environment: CLIEnvironment) throws {
        let variable = buttondownOptions.tokenEnv
        guard let token = ProcessInfo.processInfo.environment[variable], !token.isEmpty else {
            throw CLIFailure(
                .usage, "--token-env \(variable): the environment variable is not set")
        }
        let pipeline = try Pipeline(
            common: common, theme: theme, environment: environment, guardsPublishing: false)
        if !noCheck { try refuseUnpublishable(site: pipeline.site, environment: environment) }
        let writer = Writers.newsletterBody
        let context = try pipeline.context(for: writer)
        let post = writer.prepared(try pipeline.load(input, from: nil), in: context)
        let body: String
        do {
            body = String(decoding: try writer.write(post, in: context).bytes, as: UTF8.self)
        } catch {
            try? pipeline.report()
            throw Pipeline.failure(for: error)
        }
        let email = ButtondownEmail(
            subject: subject ?? post.facts.subject, body: body,
            status: buttondownOptions.buttondownStatus,
            publishDate: buttondownOptions.publishDate)
        try pipeline.report()
        let client = ButtondownClient(
            baseURL: URL(string: buttondownOptions.apiBase) ?? ButtondownClient.defaultBaseURL,
            token: token, attempts: attempts, initialDelay: retryDelay,
            maxDelay: max(retryDelay, 300), timeout: timeout)
        let outcome: ButtondownOutcome
        do {
            outcome = try client.publish(email)
        } catch {
            throw CLIFailure(.sendFailed, "buttondown: \(error)")
        }
        try environment.writeStandardOutput(
            Array("send: buttondown: \(outcome) '\(email.subject)'\n".utf8))
    }
}
