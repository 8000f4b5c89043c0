import Foundation

/// Spaces messages out evenly to at most a given number per second.
public struct RateLimiter: Sendable {
    /// Messages per second.
    public let perSecond: Double
    private var next: Double?

    /// Creates a limiter.
    public init(perSecond: Double) {
        self.perSecond = perSecond
    }

    /// Parses `N`, `N/s`, `N/m` or `N/h` into messages per second.
    public static func parse(_ text: String) -> Double? {
        let parts = text.lowercased().split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let count = Double(first), count > 0, count.isFinite else {
            return nil
        }
        switch parts.count == 2 ? String(parts[1]) : "s" {
        case "s", "sec", "second": return count
        case "m", "min", "minute": return count / 60
        case "h", "hour": return count / 3600
        default: return nil
        }
    }

    /// Waits until the next message may go.
    ///
    /// - Parameters:
    ///   - now: A monotonic clock in seconds.
    ///   - sleep: Waits a number of seconds.
    public mutating func wait(
        now: () -> Double = { ProcessInfo.processInfo.systemUptime },
        sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        let now = now()
        if let next, next > now { sleep(next - now) }
        self.next = max(now, next ?? now) + 1 / perSecond
    }
}
