import Foundation
import PortalKernel
import PortalPluginKit
import Testing

/// SPEC M2: no stored record can stop the server. Values no version of the portal writes, but that an older
/// version, an import or a direct write could leave, are read without trapping.
@Suite("M2 stored values at the edges")
struct StoredValueTests {
    @Test("M2: adding any number of days stays within the four-digit years")
    func calendarEdges() {
        let today = Fixture.date("2026-11-29")
        #expect(today.adding(days: Int.max) == Fixture.date("9999-12-31"))
        #expect(today.adding(days: Int.min) == Fixture.date("0001-01-01"))
        #expect(today.adding(days: 3_000_000) == Fixture.date("9999-12-31"))
        #expect(today.adding(days: -800_000) == Fixture.date("0001-01-01"))
        #expect(today.adding(days: 2) == Fixture.date("2026-12-01"))
        // What the clamped date encodes to reads back.
        let far = today.adding(days: Int.max)
        #expect(CalendarDate(iso: far.description) == far)
    }

    @Test("M2: counts add up to Int.max and no further")
    func saturating() {
        #expect(Int.max.addingSaturating(1) == Int.max)
        #expect(Int.min.addingSaturating(-1) == Int.min)
        #expect(41.addingSaturating(1) == 42)
        #expect(Int.min.addingSaturating(-3) == Int.min)
    }

    @Test("M2: a login counter stored at Int.max or Int.min is read and counted without a trap")
    func loginCounterAtTheEdges() async throws {
        for stored in [Int.max, Int.min] {
            let counters = InMemoryCounters()
            let throttle = LoginThrottle(counters: counters)
            let key = CounterKey.make("login-failures:owner@example.com")
            try await counters.change(key, at: Fixture.now) { _ in
                (Counter(key: key, count: stored, windowStart: Fixture.now, lastAt: Fixture.now, expiresAt: Fixture.now.addingTimeInterval(600)), ())
            }
            _ = try await throttle.verdict(for: "owner@example.com", at: Fixture.now)
            _ = try await throttle.reserve(for: "owner@example.com", at: Fixture.now)
        }
    }

    @Test("M2: an instant beyond the four-digit years is written as the nearest one")
    func farInstants() {
        #expect(StorageJSON.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999Z")
        #expect(StorageJSON.format(Date(timeIntervalSince1970: -1e300)) == StorageJSON.format(Date(timeIntervalSince1970: -62_135_596_800)))
        #expect(StorageJSON.format(Date(timeIntervalSince1970: 9e15)) == "9999-12-31T23:59:59.999Z")
        #expect(StorageJSON.format(Date(timeIntervalSince1970: 1_790_000_000)) == "2026-09-21T14:13:20.000Z")
    }
}
