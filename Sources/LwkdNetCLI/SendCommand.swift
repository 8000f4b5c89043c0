import ArgumentParser
import Foundation
import LwkdCLI
import LwkdMail
import LwkdModel
import LwkdSend
import LwkdThemes
import LwkdWriters

/// `lwkdconv send POST --list subscribers.csv --smtp smtp://HOST:PORT …`: one message per
/// subscriber, journalled so that a re-run finishes an interrupted send without duplicates.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: HandOff.abstract(of: "send"),
        discussion: """
            The list is CSV with a header row: 'email' (required), 'name' and 'token' \
            (optional); other columns are ignored. Invalid addresses are reported and skipped; \
            repeated addresses are sent once.

            Every step is recorded in the journal (fsync'd). Re-running the same command with \
            the same journal skips everyone already accepted and re-sends, with the same \
            Message-ID, anyone attempted but not confirmed. Exit status 0 only if nobody \
            failed (8 otherwise).

            EXAMPLES:
              export LWKD_SMTP_PASSWORD=…
              lwkdconv send post.md --list subscribers.csv \\
                --smtp smtp://mail.example.org:587 --starttls \\
                --user news --password-env LWKD_SMTP_PASSWORD \\
                --from-address 'LWKD <news@lwkd.info>' \\
                --unsubscribe-url 'https://lwkd.info/u/{{token}}'
              lwkdconv send post.md --list subscribers.csv \\
                --from-address news@lwkd.info --dry-run out/
              export BUTTONDOWN_API_KEY=…
              lwkdconv send post.md --buttondown
            """)

    @Argument(help: "The post to send.")
    var input: String

    @Option(help: "The subscriber list (CSV with an 'email' column).")
    var list: String?

    @Option(
        help: ArgumentHelp(
            "The relay: smtp://HOST[:PORT] (port 25 by default) or smtps://HOST[:PORT] (implicit TLS, 465).",
            valueName: "url"))
    var smtp: String?

    @Flag(
        help:
            "Upgrade the connection with STARTTLS (required: fails if the server does not offer it)."
    )
    var starttls = false

    @Flag(help: "Use TLS from the start (implicit TLS, as smtps://).")
    var tls = false

    @Option(help: "User name for SMTP AUTH (needs --starttls or --tls).")
    var user: String?

    @Option(
        help: ArgumentHelp("The environment variable holding the SMTP password.", valueName: "var"))
    var passwordEnv: String?

    @Option(
        help: ArgumentHelp(
            "Trust the CA certificates in this PEM file too (private relays).", valueName: "file"))
    var caFile: String?

    @Flag(help: "Pipe each message to sendmail -t -i instead of SMTP.")
    var sendmail = false

    @Flag(
        help:
            "Send even when the post fails the publishing checks (a date GitHub Pages will not publish yet, template bullets; see 'lwkdconv check')."
    )
    var noCheck = false

    @OptionGroup var dkim: DKIMOptions

    @Option(help: ArgumentHelp("The sendmail program for --sendmail.", valueName: "path"))
    var sendmailProgram = "/usr/sbin/sendmail"

    @Option(
        help: ArgumentHelp(
            "Write each message as ADDRESS.eml into this directory instead of sending.",
            valueName: "dir"))
    var dryRun: String?

    @Option(
        help: ArgumentHelp(
            "The From: mailbox, such as 'LWKD <news@lwkd.info>'; also the envelope sender.",
            valueName: "mailbox"))
    var fromAddress: String?

    @Option(
        help: ArgumentHelp(
            "The Subject (default: LWKD: Week Ending <Month> <D>, <YYYY>).", valueName: "subject"))
    var subject: String?

    @Option(help: "Theme name (from themes/) or theme folder path.")
    var theme = "default"

    @Option(
        help: ArgumentHelp(
            "Each recipient's unsubscribe URL; {{token}} and {{email}} are filled in.",
            valueName: "url"))
    var unsubscribeURL: String?

    @Option(
        help: ArgumentHelp(
            "The List-Id header value, such as 'LWKD <lwkd.lwkd.info>'.", valueName: "id"))
    var listID: String?

    @Option(help: ArgumentHelp("At most this many messages: N/s, N/m or N/h.", valueName: "rate"))
    var rate: String?

    @Option(
        help: ArgumentHelp(
            "The journal file; lwkdconv-send-<post>.journal by default.", valueName: "file"))
    var journal: String?

    @Option(
        help: "Attempts per message for temporary failures (4xx, dropped connections, timeouts).")
    var attempts = 5

    @Option(
        help: ArgumentHelp(
            "Seconds before the first retry; each later wait doubles.", valueName: "seconds"))
    var retryDelay = 2.0

    @Option(
        help: ArgumentHelp(
            "Seconds to wait for the server's connection and each reply.", valueName: "seconds"))
    var timeout = 60.0

    @Option(
        help: ArgumentHelp(
            "The name given in EHLO; the From address's domain by default.", valueName: "name"))
    var helo: String?

    @OptionGroup(title: "Newsletter hand-off") var buttondownOptions: ButtondownOptions

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try buttondownOptions.validate(
            conflicting: [
                list != nil ? "--list" : nil, smtp != nil ? "--smtp" : nil,
                sendmail ? "--sendmail" : nil, dryRun != nil ? "--dry-run" : nil,
                journal != nil ? "--journal" : nil, fromAddress != nil ? "--from-address" : nil,
                dkim.dkimKey != nil ? "--dkim-key" : nil,
            ].compactMap { $0 })
        if !buttondownOptions.buttondown { try validateMailing() }
        guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1") }
        guard retryDelay >= 0, timeout > 0 else {
            throw ValidationError("--retry-delay and --timeout must be positive")
        }
        try common.validate()
    }

    /// The checks for sending to a list (SMTP, sendmail or a directory).
    private func validateMailing() throws {
        guard list != nil, fromAddress != nil else {
            throw ValidationError("give --list FILE and --from-address MAILBOX (or --buttondown)")
        }
        let transports = [smtp != nil, sendmail, dryRun != nil].filter { $0 }.count
        guard transports == 1 else {
            throw ValidationError(
                "give exactly one of --smtp URL, --sendmail, --dry-run DIR or --buttondown")
        }
        if starttls && tls { throw ValidationError("--starttls and --tls exclude each other") }
        if (starttls || tls || user != nil || caFile != nil) && smtp == nil {
            throw ValidationError("--starttls, --tls, --user and --ca-file need --smtp")
        }
        if (user == nil) != (passwordEnv == nil) {
            throw ValidationError("--user and --password-env go together")
        }
        if journal != nil && dryRun != nil {
            throw ValidationError("--dry-run keeps no journal; drop --journal")
        }
        if let rate, RateLimiter.parse(rate) == nil {
            throw ValidationError("--rate expects N/s, N/m or N/h (such as 10/s), got '\(rate)'")
        }
        // Issue 15: values that go into headers and SMTP commands unencoded.
        try HeaderOptions.check([
            "--unsubscribe-url": unsubscribeURL, "--list-id": listID, "--helo": helo,
        ])
    }

    func run() throws {
        let environment = CLIEnvironment.current
        if buttondownOptions.buttondown {
            return try handOffToButtondown(environment: environment)
        }
        guard let list, let fromAddress else {
            throw CLIFailure(.usage, "give --list FILE and --from-address MAILBOX")
        }
        let sender = MailAddress(parsing: fromAddress)
        if let problem = sender.problem {
            throw CLIFailure(.usage, "--from-address '\(fromAddress)': \(problem)")
        }
        let from = sender.addrSpec
        // Message-IDs and EHLO take ASCII only: a Unicode domain in its IDNA form.
        let domain = sender.domain.map { IDNA.toASCII($0) ?? $0 } ?? "lwkd.info"

        let pipeline = try Pipeline(
            common: common, theme: theme, environment: environment, guardsPublishing: false)
        if !noCheck { try refuseUnpublishable(site: pipeline.site, environment: environment) }
        let writer = Writers.mailMessage.configured(
            WriterOptions(fromAddress: fromAddress, subject: subject, listID: listID))
        var context = try pipeline.context(for: writer)
        context.now = SendClock.now()
        let post = writer.prepared(try pipeline.load(input, from: nil), in: context)
        let recipients = try loadList(list, environment: environment)
        var builder = SendMessageBuilder(
            post: post, context: context, writer: writer, unsubscribeTemplate: unsubscribeURL)
        builder.signer = try dkim.signer(fromAddress: fromAddress, environment: environment)
        if let unsubscribeURL, unsubscribeURL.contains(ListUnsubscribe.tokenPlaceholder),
            let missing = recipients.first(where: { $0.token == nil })
        {
            throw CLIFailure(
                .unreadableInput,
                "\(list):\(missing.line): no token for --unsubscribe-url's {{token}}")
        }
        // Check the message builds before touching the journal or the network.
        do {
            _ = try builder.message(
                for: recipients.first ?? Recipient(email: from), messageID: "<check@\(domain)>")
        } catch let error as WriteError {
            try? pipeline.report()
            throw Pipeline.failure(for: error)
        } catch {
            throw CLIFailure(.outputNotWritten, "\(input): cannot build the message: \(error)")
        }
        try pipeline.report()

        let transport = try makeTransport(environment: environment, domain: domain)
        let journalPath = dryRun == nil ? (journal ?? defaultJournal(for: post.facts)) : nil
        var openedJournal: Journal?
        if let journalPath {
            do {
                openedJournal = try Journal(path: InputLoader.resolve(journalPath, in: environment))
            } catch {
                throw CLIFailure(.outputNotWritten, error.description)
            }
            // Issue 15: a line the journal cannot read is a warning, not skipped in silence.
            for line in openedJournal?.unreadableLineNumbers ?? [] {
                pipeline.diagnostics.warn(
                    "journal line cannot be read; ignored", file: journalPath, line: line)
            }
        }
        // The identity `--to eml` uses too, so both give a recipient the same Message-ID.
        let identity =
            post.facts.mailIdentity
            ?? "post:" + FileName.stem((input as NSString).lastPathComponent)
        let options = Mailer.Options(
            post: identity, envelopeFrom: from, messageIDDomain: domain,
            rate: dryRun == nil ? rate.flatMap(RateLimiter.parse) : nil,
            retry: RetryPolicy(
                maxAttempts: attempts, initialDelay: retryDelay, maxDelay: max(retryDelay, 300)))
        let progress = SendProgress(
            environment: environment, total: recipients.count, isQuiet: common.quiet)
        let mailer = Mailer(
            transport: transport, journal: openedJournal, options: options, report: progress.handle)
        let summary = mailer.run(recipients) { recipient, messageID in
            try builder.message(for: recipient, messageID: messageID)
        }
        progress.finish()
        try? pipeline.report()
        var line = "send: \(summary)"
        if let journalPath { line += "; journal \(journalPath)" }
        if let dryRun { line += "; messages in \(dryRun)" }
        try environment.writeStandardOutput(Array((line + "\n").utf8))
        if let stopped = summary.stoppedBy {
            let advice = stopped.isTransient ? "; re-run the same command to finish" : ""
            throw CLIFailure(.sendFailed, "stopped: \(stopped)\(advice)")
        }
        if summary.failed > 0 {
            throw CLIFailure(.sendFailed, "\(summary.failed) of \(summary.total) recipients failed")
        }
    }

    // MARK: - Helpers

    /// Mailing cannot be taken back: a post with an error of the date or template rules is
    /// not sent, and its findings are shown.
    func refuseUnpublishable(site: Site, environment: CLIEnvironment) throws {
        let (post, _) = try CheckLoader.load(input, from: nil, site: site, environment: environment)
        let errors = try PublishingGuard(settings: CheckSettings(rules: [])).errors(
            in: post, environment: environment)
        guard !errors.isEmpty else { return }
        for finding in errors { environment.error(finding.line) }
        throw CLIFailure(
            .errorsFound,
            "\(input): not sent: \(errors.count) error\(errors.count == 1 ? "" : "s") above; "
                + "fix them ('lwkdconv check --fix' repairs some) or pass --no-check")
    }

    private func loadList(_ list: String, environment: CLIEnvironment) throws -> [Recipient] {
        let bytes = try InputLoader.bytes(of: list, environment: environment, kind: .recipientList)
        let parsed: RecipientList
        do {
            parsed = try RecipientList.parse(bytes, path: list)
        } catch {
            throw CLIFailure(.unreadableInput, error.description)
        }
        for problem in parsed.problems where !(problem.isDuplicate && common.quiet) {
            environment.error("lwkdconv: \(problem)")
        }
        return parsed.recipients
    }

    private func makeTransport(environment: CLIEnvironment, domain: String) throws
        -> any MailTransport
    {
        if let dryRun {
            do {
                return try DirectoryTransport(
                    directory: InputLoader.resolve(dryRun, in: environment))
            } catch {
                throw CLIFailure(.outputNotWritten, error.description)
            }
        }
        if sendmail { return SendmailTransport(program: sendmailProgram) }
        guard let smtp, let parsed = SMTPSettings.parseURL(smtp) else {
            throw CLIFailure(
                .usage,
                "--smtp expects smtp://HOST[:PORT] or smtps://HOST[:PORT], got '\(smtp ?? "")'")
        }
        var password: String?
        if let passwordEnv {
            guard let value = ProcessInfo.processInfo.environment[passwordEnv], !value.isEmpty
            else {
                throw CLIFailure(
                    .usage, "--password-env \(passwordEnv): the environment variable is not set")
            }
            password = value
        }
        let security: SMTPSettings.Security =
            tls || parsed.isImplicitTLS ? .tls : starttls ? .startTLS : .none
        do {
            return try SMTPTransport(
                settings: SMTPSettings(
                    host: parsed.host, port: parsed.port, security: security, username: user,
                    password: password,
                    caFile: caFile.map { InputLoader.resolve($0, in: environment) },
                    timeout: timeout,
                    heloName: helo ?? domain))
        } catch {
            throw CLIFailure(.unreadableInput, error.description)
        }
    }

    private func defaultJournal(for facts: PostFacts) -> String {
        "lwkdconv-send-\(facts.slug).journal"
    }
}
