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
        let message: [UInt8]
        do {
            message = try build(recipient, id)
        } catch let error as SendError {
            return error
        } catch {
            return .message(recipient: recipient.email, reason: "\(error)")
        }
        let envelope = Envelope(from: options.envelopeFrom, to: recipient.email)
        var attempt = 1
        while true {
            limiter?.wait(sleep: sleep)
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
                if error.isTransient, attempt < options.retry.maxAttempts {
                    // No journal record: the next attempt writes "attempted" again, and the
                    // message stays attempted until a server accepts or refuses it.
                    let delay = options.retry.delay(after: attempt)
                    report(.retrying(recipient, error: error, attempt: attempt, delay: delay))
                    summary.retries += 1
                    sleep(delay)
                    attempt += 1
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

    /// True when the error came before any part of the message could reach a server: no
    /// connection, or a session that could not be set up (TLS, login, settings).
    static func isUnsent(_ error: SendError) -> Bool {
        if case .connect = error { return true }
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
