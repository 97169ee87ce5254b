import Foundation

/// When to try a failed email again, and when to stop: exponential backoff with jitter, up to a give-up age, as
/// mail servers do (Postfix gives up after five days).
public struct RetryPolicy: Hashable, Sendable {
    /// The wait after the first failure.
    public var baseDelay: TimeInterval
    /// The longest wait between two attempts.
    public var maximumDelay: TimeInterval
    /// How long after it was queued a message is given up on.
    public var giveUpAfter: TimeInterval

    /// Memberwise, with the defaults: a minute after the first failure, at most an hour between attempts, given up
    /// after five days.
    public init(baseDelay: TimeInterval = 60, maximumDelay: TimeInterval = 3_600, giveUpAfter: TimeInterval = 5 * 86_400) {
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The wait after `attempts` failed attempts (1 or more): `baseDelay · 2^(attempts−1)`, capped at
    /// `maximumDelay`, of which the second half is scaled by `jitter` (0…1) so a crowd of messages that failed
    /// together does not retry together.
    public func delay(afterAttempts attempts: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(min(max(attempts - 1, 0), 30))
        let full = min(maximumDelay, baseDelay * pow(2, exponent))
        return full / 2 + full / 2 * min(max(jitter, 0), 1)
    }

    /// Whether a message queued at `queuedAt` is past its give-up age at `instant`.
    public func hasGivenUp(queuedAt: Date, at instant: Date) -> Bool {
        instant.timeIntervalSince(queuedAt) >= giveUpAfter
    }
}
