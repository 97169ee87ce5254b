import Foundation
import Synchronization

/// Slows down, then locks, repeated wrong passwords for one login (issue: staff auth).
///
/// The first ``freeAttempts`` failures cost nothing; after each further failure the next attempt is refused until
/// one more second has passed (up to ``maximumDelay``); at ``lockAfter`` failures the login is locked for
/// ``lockDuration``. A success clears the count. Counts live in memory, per process, and reset after ``window``
/// without failures.
public final class LoginThrottle: Sendable {
    /// Whether an attempt may go ahead now.
    public enum Verdict: Hashable, Sendable {
        case allowed
        /// Too soon after the last failure: refused until `until`.
        case tooSoon(until: Date)
        /// Locked after too many failures, until `until`.
        case locked(until: Date)
    }

    private struct Record {
        var failures: Int
        var lastFailure: Date
        var lockedUntil: Date?
    }

    public let freeAttempts: Int
    public let lockAfter: Int
    public let lockDuration: TimeInterval
    public let maximumDelay: TimeInterval
    public let window: TimeInterval
    private let records = Mutex<[String: Record]>([:])

    public init(
        freeAttempts: Int = 3, lockAfter: Int = 10, lockDuration: TimeInterval = 15 * 60, maximumDelay: TimeInterval = 5,
        window: TimeInterval = 15 * 60
    ) {
        self.freeAttempts = freeAttempts
        self.lockAfter = lockAfter
        self.lockDuration = lockDuration
        self.maximumDelay = maximumDelay
        self.window = window
    }

    /// What an attempt for `key` at `instant` must do.
    public func verdict(for key: String, at instant: Date) -> Verdict {
        records.withLock { records in
            guard let record = records[key] else { return .allowed }
            if let until = record.lockedUntil {
                if instant < until { return .locked(until: until) }
                records[key] = nil
                return .allowed
            }
            if instant.timeIntervalSince(record.lastFailure) >= window {
                records[key] = nil
                return .allowed
            }
            let over = record.failures - freeAttempts
            guard over > 0 else { return .allowed }
            let until = record.lastFailure.addingTimeInterval(min(Double(over), maximumDelay))
            return instant < until ? .tooSoon(until: until) : .allowed
        }
    }

    /// Counts a wrong password for `key`; locks it at ``lockAfter``.
    public func recordFailure(for key: String, at instant: Date) {
        records.withLock { records in
            var record = records[key] ?? Record(failures: 0, lastFailure: instant)
            if instant.timeIntervalSince(record.lastFailure) >= window { record.failures = 0 }
            record.failures += 1
            record.lastFailure = instant
            if record.failures >= lockAfter { record.lockedUntil = instant.addingTimeInterval(lockDuration) }
            records[key] = record
        }
    }

    /// Clears `key` after a successful login.
    public func recordSuccess(for key: String) {
        records.withLock { _ = $0.removeValue(forKey: key) }
    }
}
