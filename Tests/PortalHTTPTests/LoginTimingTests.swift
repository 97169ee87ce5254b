import Foundation
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #17, "who is a customer?": the login-link answer is given before the address is looked up, so its time does not
/// depend on whether the address belongs to a customer (it used to: a known address rendered an email and wrote a
/// transaction first, and one threshold told them apart 90 % of the time).
@Suite("Login-link answer timing")
struct LoginTimingTests {
    @Test("#17: the login-link answer takes as long for a customer's address as for an unknown one", arguments: [TestStorage.sqlite, .json])
    func knownAndUnknownAnswerAlike(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let rounds = 150
        try await bed.run { client in
            var known: [Duration] = [], unknown: [Duration] = [], knownAgain: [Duration] = []
            var browser = Browser(client)
            _ = try await browser.get("/portal/\(Seed.keyA)/login")
            func timed(_ email: String) async throws -> Duration {
                // Each request starts on fresh limits (a window later), so every known one looks up, renders and writes.
                bed.clock.advance(by: PortalPolicy().rateLimitWindow + 1)
                let start = ContinuousClock.now
                let page = try await browser.post("/portal/\(Seed.keyA)/login", [("email", email)])
                let took = ContinuousClock.now - start
                #expect(page.status == .ok)
                await bed.services.deferredWork.idle()
                return took
            }
            for _ in 0..<5 { _ = try await timed("cece@example.com") }
            // The three series take turns at each position of a round, so nothing that recurs with the order (the
            // previous request's job, a periodic task beside the test) favours one of them.
            for round in 0..<rounds {
                for slot in 0..<3 {
                    switch (round + slot) % 3 {
                    case 0: known.append(try await timed("cece@example.com"))
                    case 1: unknown.append(try await timed("nobody@example.net"))
                    default: knownAgain.append(try await timed("cece@example.com"))
                    }
                }
            }
            try await bed.deliverMail()
            #expect(try bed.mail.to("cece@example.com").count == 5 + 2 * rounds)
            // The lower quartile: the typical answer once load spikes from suites running beside this one are left
            // out. Noise: how far two series of one address differ, and each series' two halves.
            let (knownTime, unknownTime, againTime) = (Self.quartile(known), Self.quartile(unknown), Self.quartile(knownAgain))
            let noise = [
                Self.distance(knownTime, againTime), Self.distance(Self.quartile(Self.half(known, 0)), Self.quartile(Self.half(known, 1))),
                Self.distance(Self.quartile(Self.half(unknown, 0)), Self.quartile(Self.half(unknown, 1))),
            ].max()!
            print("login-link answer, lower quartiles (\(storage)): known \(knownTime), unknown \(unknownTime), known again \(againTime)")
            // Before the fix known and unknown differed by 40–200 %; allowed: three times the noise, and never under
            // 15 % of the unknown address's time.
            #expect(
                Self.distance(knownTime, unknownTime) <= max(noise * 3, unknownTime * 0.15),
                "known \(knownTime) vs unknown \(unknownTime); noise \(noise)")
        }
        await bed.remove()
    }

    static func quartile(_ values: [Duration]) -> Duration {
        values.sorted()[values.count / 4]
    }

    /// Every other value, starting at `offset` (0 or 1).
    static func half(_ values: [Duration], _ offset: Int) -> [Duration] {
        stride(from: offset, to: values.count, by: 2).map { values[$0] }
    }

    static func distance(_ a: Duration, _ b: Duration) -> Duration {
        a > b ? a - b : b - a
    }
}
