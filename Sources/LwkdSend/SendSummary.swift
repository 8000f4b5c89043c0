/// What a send run did.
public struct SendSummary: Equatable, Sendable, CustomStringConvertible {
    /// Recipients in the list.
    public var total = 0
    /// Messages handed over in this run.
    public var sent = 0
    /// Of ``sent``, those an earlier run had already tried (sent again with the same
    /// Message-ID, because that run stopped before confirming them).
    public var resent = 0
    /// Recipients skipped because the journal says an earlier run delivered them.
    public var skipped = 0
    /// Recipients that failed for good in this run.
    public var failed = 0
    /// Extra attempts made after temporary failures.
    public var retries = 0
    /// Recipients not sent because the run stopped early (including the one it stopped at,
    /// when nothing of its message reached the server).
    public var notSent = 0
    /// Why the run stopped early, if it did.
    public var stoppedBy: SendError?

    /// Creates an empty summary.
    public init() {}

    /// True when every recipient has been delivered (now or before).
    public var isComplete: Bool { failed == 0 && notSent == 0 && stoppedBy == nil }

    /// One line: `sent 200 (3 resent), skipped 0, failed 0, retries 4`.
    public var description: String {
        var text =
            "sent \(sent) (\(resent) resent), skipped \(skipped) already sent, failed \(failed), retries \(retries)"
        if notSent > 0 { text += ", not sent \(notSent)" }
        return text + " — \(total) recipients"
    }
}
