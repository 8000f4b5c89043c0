/// How often and how patiently a message is tried again after a temporary failure.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts per message, the first included.
    public var maxAttempts: Int
    /// Seconds before the second attempt; each later wait doubles, up to ``maxDelay``.
    public var initialDelay: Double
    /// The longest wait between attempts.
    public var maxDelay: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 5, initialDelay: Double = 2, maxDelay: Double = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = max(0, initialDelay)
        self.maxDelay = max(self.initialDelay, maxDelay)
    }

    /// Seconds to wait after failed attempt `attempt` (1-based): exponential backoff.
    public func delay(after attempt: Int) -> Double {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
