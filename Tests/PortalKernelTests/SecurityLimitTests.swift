import Foundation
import PortalPluginKit
import Testing

@testable import PortalKernel

@Suite("Rate limits, login throttle, stored accounts")
struct SecurityLimitTests {
    let start = Date(timeIntervalSince1970: 1_795_618_800)

    @Test("The rate limiter allows `limit` attempts per window, refuses the next, and starts over after the window")
    func rateLimiter() async throws {
        let limiter = RateLimiter(counters: InMemoryCounters())
        var results: [Bool] = []
        for _ in 0..<4 { results.append(try await limiter.attempt("k", limit: 3, window: 60, at: start)) }
        #expect(results == [true, true, true, false])
        #expect(try await limiter.attempt("other", limit: 3, window: 60, at: start))
        #expect(try await !limiter.attempt("k", limit: 3, window: 60, at: start.addingTimeInterval(59)))
        #expect(try await limiter.attempt("k", limit: 3, window: 60, at: start.addingTimeInterval(60)))
    }

    @Test("Wrong passwords: free at first, then a growing wait, then a lock; success clears; a quiet window forgets")
    func throttle() async throws {
        let throttle = LoginThrottle(
            counters: InMemoryCounters(),
            rules: LoginThrottle.Rules(freeAttempts: 2, lockAfter: 5, lockDuration: 600, maximumDelay: 3, window: 900))
        for _ in 0..<2 { _ = try await throttle.reserve(for: "a", at: start) }
        #expect(try await throttle.verdict(for: "a", at: start) == .allowed)
        _ = try await throttle.reserve(for: "a", at: start)
        #expect(try await throttle.verdict(for: "a", at: start) == .tooSoon(until: start.addingTimeInterval(1)))
        #expect(try await throttle.verdict(for: "a", at: start.addingTimeInterval(1)) == .allowed)
        _ = try await throttle.reserve(for: "a", at: start.addingTimeInterval(1))
        _ = try await throttle.reserve(for: "a", at: start.addingTimeInterval(10))
        #expect(try await throttle.verdict(for: "a", at: start.addingTimeInterval(11)) == .locked(until: start.addingTimeInterval(610)))
        #expect(try await throttle.verdict(for: "a", at: start.addingTimeInterval(610)) == .allowed)
        _ = try await throttle.reserve(for: "b", at: start)
        try await throttle.recordSuccess(for: "b", at: start)
        #expect(try await throttle.verdict(for: "b", at: start) == .allowed)
        for _ in 0..<4 { _ = try await throttle.reserve(for: "c", at: start) }
        #expect(try await throttle.verdict(for: "c", at: start.addingTimeInterval(900)) == .allowed)
    }

    @Test("An account stored before email templates existed reads with none")
    func accountWithoutTemplates() throws {
        let json = #"""
            {"id":"a","name":"A","portalKey":"a","timeZoneIdentifier":"UTC","currencyCode":"USD",
             "settings":{"leadNotificationEmails":[],"openInvoiceWhen":"generated","paidInvoiceRetentionDays":365,"proposalExpiryDays":30,
                         "allowsPartialPayments":false,"serviceFeeBasisPoints":0,"leadFormAllowedOrigins":[]},
             "branding":{"displayName":"A","accentColor":"#2f7d32"},"createdAt":"2026-11-25T09:30:00.000Z"}
            """#
        let account = try StorageJSON.decoder().decode(Account.self, from: Data(json.utf8))
        #expect(account.emailTemplates.isEmpty && account.portalKey == "a")
        var withOne = account
        withOne.emailTemplates = [EmailTemplate(kind: .invoiceSent, subject: "s", text: "t", html: "h")]
        let again = try StorageJSON.decoder().decode(Account.self, from: try StorageJSON.encoder(pretty: false).encode(withOne))
        #expect(again == withOne && again.emailTemplate(.invoiceSent)?.subject == "s")
    }

    @Test("Settings: a percentage becomes basis points only with at most two decimals")
    func basisPoints() {
        #expect(SettingsForm.basisPoints("2.5") == 250)
        #expect(SettingsForm.basisPoints("0") == 0)
        #expect(SettingsForm.basisPoints("3%") == 300)
        #expect(SettingsForm.basisPoints("2.555") == nil)
        #expect(SettingsForm.basisPoints("-1") == nil)
        #expect(SettingsForm.basisPoints("abc") == nil)
    }
}
