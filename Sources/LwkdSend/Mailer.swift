import Foundation
import LwkdMail

/// Sends one post to a list: builds each recipient's message, hands it to a transport at the
/// allowed rate, retries temporary failures with backoff, and journals every step so an
/// interrupted run can be finished without sending anyone a second, different copy.
public final class Mailer {
    /// Something worth telling the user while the run goes on.
    public enum Event {
        /// A recipient's message was handed over.
        case sent(Recipient, reply: String)
        /// A temporary failure; the message is tried again after `delay` seconds.
        case retrying(Recipient, error: SendError, attempt: Int, delay: Double)
        /// A recipient failed for good.
        case failed(Recipient, error: SendError)
        /// Progress after each recipient.
        case progress(done: Int, summary: SendSummary)
    }

    /// What the run sends and how.
    public struct Options: Sendable {
        /// The post's identity (permalink or feed id); part of every Message-ID.
        public var post: String
        /// The envelope sender, a bare address.
        public var envelopeFrom: String
        /// The right-hand side of Message-IDs.
        public var messageIDDomain: String
        /// At most this many messages per second; nil for no limit.
        public var rate: Double?
        /// Retries after temporary failures.
        public var retry: RetryPolicy

        /// Creates options.
        public init(
            post: String, envelopeFrom: String, messageIDDomain: String, rate: Double? = nil,
            retry: RetryPolicy = RetryPolicy()
        ) {
            self.post = post
            self.envelopeFrom = envelopeFrom
            self.messageIDDomain = messageIDDomain
            self.rate = rate
            self.retry = retry
        }
    }

    private let transport: any MailTransport
    private let journal: Journal?
    private let options: Options
    private let sleep: (Double) -> Void
    private let report: (Event) -> Void

    /// Creates a mailer.
    ///
    /// - Parameters:
    ///   - journal: Where progress is recorded; nil sends without one (dry runs).
    ///   - sleep: Waits a number of seconds (for backoff and the rate limit).
    ///   - report: Receives events as the run goes on.
    public init(
        transport: any MailTransport, journal: Journal?, options: Options,
        sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
        report: @escaping (Event) -> Void = { _ in }
    ) {
        self.transport = transport
        self.journal = journal
        self.options = options
        self.sleep = sleep
        self.report = report
    }

    /// The Message-ID a recipient's copy of this post carries.
    public func messageID(for recipient: Recipient) -> String {
        MessageID.stable(
            post: options.post, recipient: recipient.email, domain: options.messageIDDomain)
    }

    /// Sends to every recipient not already delivered, and closes the transport.
    ///
    /// - Parameter build: Builds the full message (CRLF line ends) for a recipient, with the
    ///   given Message-ID in its header.
    public func run(_ recipients: [Recipient], build: (Recipient, String) throws -> [UInt8])
        -> SendSummary
    {
        var summary = SendSummary()
        summary.total = recipients.count
        var limiter = options.rate.map { RateLimiter(perSecond: $0) }
        defer { transport.close() }
        do {
            try journal?.recordRun(post: options.post, recipients: recipients.count)
        } catch {
            summary.stoppedBy = error
            summary.notSent = recipients.count
            return summary
        }
        for (index, recipient) in recipients.enumerated() {
            let id = messageID(for: recipient)
            let previous = journal?.previous[id]
            if previous == .accepted {
                summary.skipped += 1
                report(.progress(done: index + 1, summary: summary))
                continue
            }
            let sentBefore = summary.sent
            if let error = deliver(
                recipient, id: id, build: build, limiter: &limiter, summary: &summary)
            {
                if error.stopsRun || (error.isTransient && !isRecipientLevel(error)) {
                    // The run stops: this recipient is left for a re-run, like everyone after it,
                    // unless it was handed over (and only the journal failed afterwards).
                    let wasSent = summary.sent > sentBefore
                    let isUnsent = !wasSent && Mailer.isUnsent(error)
                    if !isUnsent && !wasSent { summary.failed += 1 }
                    summary.stoppedBy = error
                    summary.notSent = recipients.count - index - (isUnsent ? 0 : 1)
                    report(.progress(done: index + 1, summary: summary))
                    return summary
                }
                summary.failed += 1
                report(.failed(recipient, error: error))
            } else if previous != nil {
                summary.resent += 1
            }
            report(.progress(done: index + 1, summary: summary))
        }
        return summary
    }

    /// Hands one message over, retrying temporary failures; returns the final error, if any.
    private func deliver(
        _ recipient: Recipient, id: String, build: (Recipient, String) throws -> [UInt8],
        limiter: inout RateLimiter?, summary: inout SendSummary
    ) -> SendError? {
        var copy: (envelope: Envelope, message: [UInt8])?
        var attempt = 1
        while true {
            limiter?.wait(sleep: sleep)
            do {
                // The envelope depends on the server (SMTPUTF8 or not), so it is settled, and
                // the copy built for it, once a session can be asked.
                let envelope = try self.envelope(for: recipient)
                if copy?.envelope != envelope {
                    var addressed = recipient
                    addressed.email = envelope.to
                    copy = (envelope, try buildCopy(addressed, id: id, build: build))
                }
            } catch {
                if waitsToRetry(error, recipient, attempt: &attempt, summary: &summary) {
                    continue
                }
                if case .address = error {
                    try? journal?.record(
                        .unsent, email: recipient.email, messageID: id, detail: error.description)
                }
                return error
            }
            guard let (envelope, message) = copy else { return nil }
            do {
                // Journalled before anything is handed over: a crash from here on leaves it
                // "attempted", and a re-run sends it again with the same Message-ID.
                try journal?.record(.attempted, email: recipient.email, messageID: id)
            } catch {
                return error
            }
            do {
                let reply = try transport.deliver(message, envelope: envelope)
                summary.sent += 1
                report(.sent(recipient, reply: reply))
                do {
                    try journal?.record(
                        .accepted, email: recipient.email, messageID: id, detail: reply)
                } catch {
                    return error
                }
                return nil
            } catch {
                // No journal record: the next attempt writes "attempted" again, and the
                // message stays attempted until a server accepts or refuses it.
                if waitsToRetry(error, recipient, attempt: &attempt, summary: &summary) {
                    continue
                }
                let detail =
                    attempt > 1 ? "\(error) (after \(attempt) attempts)" : error.description
                // "unsent": nothing reached a server, so a re-run's copy is not a resend.
                let event: Journal.Event = Mailer.isUnsent(error) ? .unsent : .failed
                try? journal?.record(event, email: recipient.email, messageID: id, detail: detail)
                return error
            }
        }
    }

    /// When `error` is temporary and attempts remain: reports it, waits the backoff and counts
    /// the attempt, then returns true.
    private func waitsToRetry(
        _ error: SendError, _ recipient: Recipient, attempt: inout Int,
        summary: inout SendSummary
    ) -> Bool {
        guard error.isTransient, attempt < options.retry.maxAttempts else { return false }
        let delay = options.retry.delay(after: attempt)
        report(.retrying(recipient, error: error, attempt: attempt, delay: delay))
        summary.retries += 1
        sleep(delay)
        attempt += 1
        return true
    }

    /// Builds one copy; errors other than ``SendError`` become ``SendError/message(recipient:reason:)``.
    private func buildCopy(
        _ recipient: Recipient, id: String, build: (Recipient, String) throws -> [UInt8]
    ) throws(SendError) -> [UInt8] {
        do {
            return try build(recipient, id)
        } catch let error as SendError {
            throw error
        } catch {
            throw .message(recipient: recipient.email, reason: "\(error)")
        }
    }

    /// The envelope for a recipient. ASCII addresses go as they are; a non-ASCII one goes as
    /// it is when the transport takes UTF-8 (SMTPUTF8, RFC 6531), else with its domain in IDNA
    /// form, and an address whose local part is not ASCII cannot go at all (for this recipient
    /// alone; the sender's own such address stops the run).
    private func envelope(for recipient: Recipient) throws(SendError) -> Envelope {
        let plain = Envelope(from: options.envelopeFrom, to: recipient.email)
        guard plain.isInternational, !(try transport.acceptsUTF8()) else { return plain }
        let reason =
            "the address's local part is not ASCII and the server does not offer SMTPUTF8 "
            + "(RFC 6531), so it has no form this server can take"
        guard let from = MailAddress(addrSpec: plain.from).asciiAddrSpec else {
            throw .configuration("the sender <\(plain.from)> cannot be used: \(reason)")
        }
        guard let to = MailAddress(addrSpec: plain.to).asciiAddrSpec else {
            throw .address(recipient: recipient.email, reason: reason)
        }
        return Envelope(from: from, to: to)
    }

    /// True when the error came before any part of the message could reach a server: no
    /// connection, or a session that could not be set up (TLS, login, settings).
    static func isUnsent(_ error: SendError) -> Bool {
        if case .connect = error { return true }
        if case .address = error { return true }
        return error.stopsRun
    }

    /// True for errors about one recipient (a refused address); false for errors about the
    /// connection, which would hit every later recipient too.
    private func isRecipientLevel(_ error: SendError) -> Bool {
        switch error {
        case .rejected(_, let reply): return reply.code != 421
        case .sendmail: return true
        default: return false
        }
    }
}
