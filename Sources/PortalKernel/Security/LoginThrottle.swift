import Foundation

/// Slows down, then locks, repeated wrong passwords for one login (issue: staff auth).
///
/// The first ``Rules/freeAttempts`` failures cost nothing; after each further failure the next attempt is refused
/// until one more second has passed (up to ``Rules/maximumDelay``); at ``Rules/lockAfter`` failures the login is
/// locked for ``Rules/lockDuration``. An attempt counts as a failure from the moment it is reserved, before the
/// password is checked; a success clears the count (or gives the attempt back), and it resets after ``Rules/window``
/// without failures. The counts are ``Counter``s in the storage, shared by every server process on one database.
public struct LoginThrottle: Sendable {
    /// Whether an attempt may go ahead now.
    public enum Verdict: Hashable, Sendable {
        case allowed
        /// Too soon after the last failure: refused until `until`.
        case tooSoon(until: Date)
        /// Locked after too many failures, until `until`.
        case locked(until: Date)
    }

    /// How many failures are free, and how hard the rest are slowed down.
    public struct Rules: Hashable, Sendable {
        /// Failures that cost nothing: the next attempt after them goes ahead at once (3 by default).
        public var freeAttempts: Int
        /// The failure count that locks the login for ``lockDuration`` (10 by default).
        public var lockAfter: Int
        /// How long a locked login stays locked, in seconds (15 minutes by default).
        public var lockDuration: TimeInterval
        /// The longest wait, in seconds, between two attempts while not locked: one second per failure beyond
        /// ``freeAttempts``, at most this (5 by default).
        public var maximumDelay: TimeInterval
        /// Seconds without a failure after which the count starts again (15 minutes by default).
        public var window: TimeInterval

        /// Memberwise, with the defaults: 3 free failures, then a second more per failure up to 5, locked 15 minutes at
        /// 10, forgotten after 15 quiet minutes.
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
    }

    /// The numbers this throttle applies.
    public let rules: Rules
    let counters: any CounterRepository

    /// Counts in `counters`, the storage's shared counters, under `rules` (the defaults unless given).
    public init(counters: any CounterRepository, rules: Rules = Rules()) {
        self.counters = counters
        self.rules = rules
    }

    /// What an attempt for `subject` at `instant` must do.
    public func verdict(for subject: String, at instant: Date) async throws -> Verdict {
        let rules = rules
        return try await counters.change(Self.key(subject), at: instant) { counter in Self.verdict(counter, at: instant, rules: rules) }
    }

    /// Reserves an attempt for `subject`: when allowed, it is counted as a failure in the same storage change that read
    /// the budget, before the password is checked, so attempts sent all at once cannot all pass on the old count
    /// (#17). A right password then clears the count (``recordSuccess(for:at:)``) or gives the attempt back
    /// (``refund(for:at:)``).
    public func reserve(for subject: String, at instant: Date) async throws -> Verdict {
        let key = Self.key(subject)
        let rules = rules
        return try await counters.change(key, at: instant) { current in
            let (kept, verdict) = Self.verdict(current, at: instant, rules: rules)
            guard verdict == .allowed else { return (kept, verdict) }
            return (Self.failure(counted: kept, key: key, at: instant, rules: rules), .allowed)
        }
    }

    /// Gives back one reserved attempt of `subject` (its password was right, or another budget refused it).
    public func refund(for subject: String, at instant: Date) async throws {
        let rules = rules
        try await counters.change(Self.key(subject), at: instant) { current in
            guard var counter = current else { return (nil, ()) }
            counter.count = max(0, counter.count.addingSaturating(-1))
            if counter.count < rules.lockAfter { counter.lockedUntil = nil }
            return (counter, ())
        }
    }

    /// The verdict on `counter` at `instant`, and the counter to keep (a lock that has run out clears the count).
    static func verdict(_ counter: Counter?, at instant: Date, rules: Rules) -> (Counter?, Verdict) {
        guard let counter else { return (nil, .allowed) }
        if let until = counter.lockedUntil {
            return instant < until ? (counter, .locked(until: until)) : (nil, .allowed)
        }
        let over = counter.count.addingSaturating(-rules.freeAttempts)
        guard over > 0 else { return (counter, .allowed) }
        let until = counter.lastAt.addingTimeInterval(min(Double(over), rules.maximumDelay))
        return (counter, instant < until ? .tooSoon(until: until) : .allowed)
    }

    /// `current` with one more failure at `instant`, locked once it reaches ``Rules/lockAfter``.
    static func failure(counted current: Counter?, key: String, at instant: Date, rules: Rules) -> Counter {
        var counter = current ?? Counter(key: key, count: 0, windowStart: instant, lastAt: instant, expiresAt: instant)
        counter.count = counter.count.addingSaturating(1)
        counter.lastAt = instant
        counter.expiresAt = instant.addingTimeInterval(rules.window)
        if counter.count >= rules.lockAfter {
            let until = instant.addingTimeInterval(rules.lockDuration)
            counter.lockedUntil = until
            counter.expiresAt = max(counter.expiresAt, until)
        }
        return counter
    }

    /// Clears `subject` after a successful login.
    public func recordSuccess(for subject: String, at instant: Date) async throws {
        try await counters.change(Self.key(subject), at: instant) { _ in (nil, ()) }
    }

    private static func key(_ subject: String) -> String {
        CounterKey.make("login-failures:\(subject)")
    }
}
