import Foundation
import PortalKernel
import Testing

/// What several server processes on one store share: counters, and the outbox queue.
extension StorageConformance {
    static let sharedStateChecks: [Check] = [
        ("Concurrent changes of one counter each see the one before, whether it exists or is being created", { try await $0.countersAreAtomic() }),
        ("A counter reads as absent once it expires, and the sweep deletes only expired ones", { try await $0.countersExpire() }),
        ("Two workers claiming due outbox messages at the same time never get the same message", { try await $0.outboxClaimsAreDisjoint() }),
    ]

    func countersAreAtomic() async throws {
        let fixture = try await StorageFixture(self)
        let limiter = RateLimiter(counters: fixture.storage.counters)
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<60 { group.addTask { try await limiter.attempt("burst", limit: 30, window: 60, at: fixture.now) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 30)
        #expect(try await !limiter.attempt("burst", limit: 30, window: 60, at: fixture.now.addingTimeInterval(59)))
        // Counters that do not exist yet, each created by several requests at once: none fails, none is lost.
        let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
            for key in 0..<20 {
                for _ in 0..<3 { group.addTask { try await limiter.attempt("new-\(key)", limit: 3, window: 60, at: fixture.now) } }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(firsts == 60)
        for key in 0..<20 { #expect(try await !limiter.attempt("new-\(key)", limit: 3, window: 60, at: fixture.now)) }
        try await fixture.tearDown()
    }

    func countersExpire() async throws {
        let fixture = try await StorageFixture(self)
        let counters = fixture.storage.counters
        let now = fixture.now
        for (key, life) in [("short", 10.0), ("long", 100.0)] {
            try await counters.change(key, at: now) { _ in
                (Counter(key: key, count: 7, windowStart: now, lastAt: now, expiresAt: now.addingTimeInterval(life)), ())
            }
        }
        let seen = try await counters.change("short", at: now.addingTimeInterval(5)) { ($0, $0?.count) }
        #expect(seen == 7)
        #expect(try await counters.deleteExpired(before: now.addingTimeInterval(50)) == 1)
        let expired = try await counters.change("short", at: now.addingTimeInterval(10)) { ($0, $0?.count) }
        #expect(expired == nil)
        let kept = try await counters.change("long", at: now.addingTimeInterval(50)) { ($0, $0?.count) }
        #expect(kept == 7)
        // A change that returns nil deletes.
        try await counters.change("long", at: now) { _ in (nil, ()) }
        let deleted = try await counters.change("long", at: now) { ($0, $0?.count) }
        #expect(deleted == nil)
        try await fixture.tearDown()
    }

    func outboxClaimsAreDisjoint() async throws {
        let fixture = try await StorageFixture(self)
        _ = try await fixture.seedAccountA()
        let store = fixture.storage
        for index in 0..<20 {
            try await store.outbox.enqueue(
                OutboxMessage(
                    id: OutboxMessage.ID(rawValue: "m\(index)"), accountID: StorageFixture.accountA,
                    email: EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t"),
                    nextAttemptAt: fixture.now, createdAt: fixture.now))
        }
        // What OutboxDelivery does: in one transaction, take the due messages and move their next attempt ahead.
        @Sendable func claim() async throws -> [OutboxMessage.ID] {
            try await store.transaction { tx in
                var claimed: [OutboxMessage.ID] = []
                for var message in try await tx.outbox.due(at: fixture.now, limit: 20) {
                    try await Task.sleep(for: .milliseconds(2))
                    message.nextAttemptAt = fixture.now.addingTimeInterval(300)
                    try await tx.outbox.update(message)
                    claimed.append(message.id)
                }
                return claimed
            }
        }
        async let first = claim()
        async let second = claim()
        let (a, b) = try await (first, second)
        #expect(Set(a).isDisjoint(with: b))
        #expect(Set(a + b).count == 20)
        try await fixture.tearDown()
    }
}
