import Foundation
import Synchronization

/// Counts attempts per key in fixed windows (login-link requests per email and per IP address).
///
/// In memory, per process: a restart forgets the counts, and two instances count apart. Storage-backed counters
/// come with the PostgreSQL backend, which runs several instances.
public final class RateLimiter: Sendable {
    private struct Window {
        var start: Date
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])
    /// Above this many keys, windows that have ended are dropped, so memory stays bounded.
    private let sweepThreshold = 10_000

    public init() {}

    /// Counts one attempt for `key` and answers whether it is within `limit` attempts per `window` seconds.
    /// An attempt over the limit is not counted, so waiting out the window always helps.
    public func attempt(_ key: String, limit: Int, window: TimeInterval, at instant: Date) -> Bool {
        windows.withLock { windows in
            if windows.count > sweepThreshold {
                windows = windows.filter { instant.timeIntervalSince($0.value.start) < window }
            }
            var current = windows[key] ?? Window(start: instant, count: 0)
            if instant.timeIntervalSince(current.start) >= window { current = Window(start: instant, count: 0) }
            guard current.count < limit else { return false }
            current.count += 1
            windows[key] = current
            return true
        }
    }
}
