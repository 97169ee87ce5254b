import Foundation

/// Counts attempts per key in fixed windows (login-link requests per email and per IP address).
///
/// The counts are ``Counter``s in the storage, so every server process on one database counts together and a
/// restart forgets nothing.
public struct RateLimiter: Sendable {
    let counters: any CounterRepository

    /// Counts in `counters`, the storage's shared counters.
    public init(counters: any CounterRepository) {
        self.counters = counters
    }

    /// Counts one attempt for `subject` and answers whether it is within `limit` attempts per `window` seconds.
    /// An attempt over the limit is not counted, so waiting out the window always helps.
    public func attempt(_ subject: String, limit: Int, window: TimeInterval, at instant: Date) async throws -> Bool {
        try await change(subject, window: window, at: instant) { $0 < limit }.counted
    }

    /// Counts one event for `subject` in fixed windows of `window` seconds and answers how many this window holds
    /// now, this one included (saturating; never refused).
    public func count(_ subject: String, window: TimeInterval, at instant: Date) async throws -> Int {
        try await change(subject, window: window, at: instant) { _ in true }.count
    }

    /// Whether `subject` has used all `limit` attempts of its window at `instant`, found without counting one.
    public func isSpent(_ subject: String, limit: Int, at instant: Date) async throws -> Bool {
        try await counters.change(CounterKey.make("rate:\(subject)"), at: instant) { current in (current, (current?.count ?? 0) >= limit) }
    }

    /// Adds one to `subject`'s count in its window when `admits` the count so far; answers whether it did and the
    /// count after.
    private func change(
        _ subject: String, window: TimeInterval, at instant: Date, admits: @escaping @Sendable (Int) -> Bool
    ) async throws -> (counted: Bool, count: Int) {
        let key = CounterKey.make("rate:\(subject)")
        return try await counters.change(key, at: instant) { current in
            var counter = current ?? Counter(key: key, count: 0, windowStart: instant, lastAt: instant, expiresAt: instant)
            guard admits(counter.count) else { return (counter, (false, counter.count)) }
            counter.count = counter.count.addingSaturating(1)
            counter.lastAt = instant
            counter.expiresAt = counter.windowStart.addingTimeInterval(window)
            return (counter, (true, counter.count))
        }
    }
}
