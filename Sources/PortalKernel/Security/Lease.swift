import Foundation

/// A lease one request holds on a key while it does something that must not run twice at once, in any server
/// process: charging a card for one payment idempotency key. Held as a ``Counter`` (under `claim:…`, the name of
/// release 1); it lapses by itself after its lifetime, so a process that dies mid-way blocks the key for that long
/// at most.
public struct Lease: Sendable {
    let counters: any CounterRepository
    let key: String

    /// The lease on `subject` (`invoice-payment:<account>:<invoice>`), kept in `counters` under a hashed key.
    public init(counters: any CounterRepository, subject: String) {
        self.counters = counters
        self.key = CounterKey.make("claim:\(subject)")
    }

    /// Takes the claim until `instant + lifetime`; `false` when someone else holds it.
    public func take(at instant: Date, lifetime: TimeInterval) async throws -> Bool {
        let key = key
        return try await counters.change(key, at: instant) { held in
            if let held { return (held, false) }
            return (Counter(key: key, count: 1, windowStart: instant, lastAt: instant, expiresAt: instant.addingTimeInterval(lifetime)), true)
        }
    }

    /// Whether someone holds the claim at `instant`.
    public func isHeld(at instant: Date) async throws -> Bool {
        try await counters.change(key, at: instant) { held in (held, held.map { instant < $0.expiresAt } ?? false) }
    }

    /// Gives the claim up.
    public func release(at instant: Date) async throws {
        try await counters.change(key, at: instant) { _ in (nil, ()) }
    }
}
