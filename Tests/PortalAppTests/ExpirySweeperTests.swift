import Foundation
import Logging
import PortalApp
import PortalKernel
import PortalTesting
import Testing

@Suite("Expiry sweeper")
struct ExpirySweeperTests {
    @Test("Expired login tokens, sessions and counters are deleted; live ones stay")
    func sweeps() async throws {
        let fixture = try AppFixture()
        let bootstrap = try await fixture.bootstrap(try fixture.isolatedConfig())
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_618_800))
        let services = try await bootstrap.makeServices(logger: Logger(label: "test"), clock: clock)
        let store = services.storage
        let now = clock.now
        try await store.accounts.insert(Account(id: "a", name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: now))
        for (id, minutes) in [("old", -1.0), ("live", 20.0)] {
            try await store.loginTokens.insert(
                LoginToken(id: LoginToken.ID(rawValue: id), accountID: "a", tokenHash: "hash-\(id)", email: "a@example.com",
                           createdAt: now, expiresAt: now.addingTimeInterval(minutes * 60)))
            try await store.sessions.save(
                Session(id: Session.ID(rawValue: "session-\(id)"), accountID: "a", principal: .staff("s"), createdAt: now,
                        lastSeenAt: now, absoluteExpiry: now.addingTimeInterval(minutes * 60)))
        }
        let limiter = RateLimiter(counters: store.counters)
        _ = try await limiter.attempt("ended", limit: 1, window: 60, at: now.addingTimeInterval(-120))
        _ = try await limiter.attempt("running", limit: 1, window: 60, at: now)
        let swept = try await ExpirySweeper(storage: store, clock: clock, logger: Logger(label: "test")).sweep()
        #expect(swept.tokens == 1 && swept.sessions == 1 && swept.counters == 1)
        // The running window still counts: its one attempt is used up.
        #expect(try await !limiter.attempt("running", limit: 1, window: 60, at: now))
        #expect(try await store.loginTokens.find(hash: "hash-old", in: "a") == nil)
        #expect(try await store.loginTokens.find(hash: "hash-live", in: "a") != nil)
        #expect(try await store.sessions.find("session-old") == nil)
        #expect(try await store.sessions.find("session-live") != nil)
        try await store.close()
        fixture.remove()
    }
}
