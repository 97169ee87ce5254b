import Foundation
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

/// SPEC V4 through the HTTP front: a client's calendar feed and a visit's event, read back by the icalendar library.
@Suite("Calendar feed")
struct CalendarFeedTests {
    /// The feed address the visits page shows once, after its form made it, as a path on the test server.
    static func newFeed(_ browser: inout Browser) async throws -> String {
        _ = try await browser.get("/portal/\(Seed.keyA)/visits")
        let page = try await browser.post("/portal/\(Seed.keyA)/visits/calendar-link")
        #expect(page.status == .ok && page.body.contains("webcal://portal.test/calendar/"))
        let start = try #require(page.body.range(of: "value=\"\(PortalTestbed.base)/calendar/"))
        let url = page.body[start.upperBound...].prefix { $0 != "\"" }
        return "/calendar/" + url
    }

    @Test("V4: the feed holds the client's visits with stable UIDs; a skipped visit becomes CANCELLED with a higher SEQUENCE; another customer's visits are never in it")
    func feed() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let path = try await Self.newFeed(&browser)
            #expect(path.hasSuffix(".ics"))
            let first = try await client.execute(uri: path, method: .get)
            #expect(first.status == .ok && first.headers[.contentType] == "text/calendar; charset=utf-8")
            let calendar = try await ICalendarCheck.parse(String(buffer: first.body))
            #expect(calendar.events.count == 4)
            #expect(calendar.events.map(\.start) == ["2026-12-02T13:00:00+00:00", "2026-12-09T13:00:00+00:00", "2026-12-16T13:00:00+00:00", "2026-12-23T13:00:00+00:00"])
            #expect(calendar.events.allSatisfy { $0.status == "TENTATIVE" && $0.sequence == 0 && $0.summary == "Greenleaf Lawn & Tree: job-active" })
            #expect(calendar.events[0].location == "12 Oak St, Springfield, IL 62701")
            #expect(!String(buffer: first.body).contains("MARK-BOB") && !String(buffer: first.body).contains("MARK-DANA"))

            _ = try await browser.get("/portal/\(Seed.keyA)/visits/visit-cece-1")
            #expect(try await browser.post("/portal/\(Seed.keyA)/visits/visit-cece-1/skip").status == .seeOther)
            let again = try await ICalendarCheck.parse(String(buffer: try await client.execute(uri: path, method: .get).body))
            #expect(again.events.map(\.uid) == calendar.events.map(\.uid))
            #expect(again.events[1].status == "CANCELLED" && again.events[1].sequence == 1)
        }
        await bed.remove()
    }

    @Test("V4: a new link makes the old one a 404, like a malformed or unknown one")
    func renewal() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let old = try await Self.newFeed(&browser)
            #expect(try await client.execute(uri: old, method: .get).status == .ok)
            let new = try await Self.newFeed(&browser)
            #expect(new != old)
            #expect(try await client.execute(uri: old, method: .get).status == .notFound)
            #expect(try await client.execute(uri: new, method: .get).status == .ok)
            for path in ["/calendar/nothing.ics", "/calendar/\(String(new.dropFirst(10).dropLast(4)))", "/calendar/\(String(repeating: "a", count: 43)).ics"] {
                #expect(try await client.execute(uri: path, method: .get).status == .notFound, "\(path)")
            }
        }
        await bed.remove()
    }

    @Test("V4: a visit's Add to calendar is one event; another customer's visit is the same 404 as a missing one")
    func oneEvent() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get("/portal/\(Seed.keyA)/visits/visit-cece-0")
            #expect(page.body.contains("/portal/\(Seed.keyA)/visits/visit-cece-0/event.ics"))
            let event = try await browser.get("/portal/\(Seed.keyA)/visits/visit-cece-0/event.ics")
            let calendar = try await ICalendarCheck.parse(event.body)
            #expect(calendar.events.count == 1 && calendar.events[0].description.contains("Gate code MARK-CECE-VISIT"))
            #expect(try await browser.get("/portal/\(Seed.keyA)/visits/\(Seed.bobVisit)/event.ics").status == .notFound)
        }
        await bed.remove()
    }
}
