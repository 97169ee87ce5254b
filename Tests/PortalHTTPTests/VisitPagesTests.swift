import Foundation
import PortalKernel
import Testing

/// The client's visits in the portal (SPEC V1–V3), walked through the HTTP front as a phone browser would, without
/// JavaScript.
@Suite("Visit pages")
struct VisitPagesTests {
    static let visits = "/portal/\(Seed.keyA)/visits"
    static func visit(_ index: Int) -> String { "\(visits)/visit-cece-\(index)" }

    @Test("V1: the home shows the next visit on top; the visits page lists the four to come with their window; another customer's visit is the same 404 as a missing one")
    func listed() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let home = try await browser.get("/portal/\(Seed.keyA)")
            #expect(home.body.contains("Your next visit") && home.body.contains("December 2, 2026") && home.body.contains(Self.visit(0)))
            let list = try await browser.get(Self.visits)
            #expect(list.status == .ok)
            for date in ["December 2, 2026", "December 9, 2026", "December 16, 2026", "December 23, 2026"] {
                #expect(list.body.contains(date), "\(date)")
            }
            #expect(list.body.contains("8:00 AM – 10:00 AM"))
            let page = try await browser.get(Self.visit(0))
            #expect(page.status == .ok && page.body.contains("Every week") && page.body.contains("Gate code MARK-CECE-VISIT"))
            #expect(page.body.contains("You can change this visit here until November 30, 2026 at 8:00"))
            let theirs = try await browser.get("\(Self.visits)/\(Seed.bobVisit)")
            let missing = try await browser.get("\(Self.visits)/no-such-visit")
            #expect(theirs.status == .notFound && missing.status == .notFound)
            #expect(!theirs.body.contains("MARK-BOB"))
        }
        await bed.remove()
    }

    @Test("V2: before the cut-off a client confirms, asks for other dates (the office is emailed) and skips a visit; each answers with the visit's page and its notice")
    func changes() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get(Self.visit(0))
            let confirmed = try await browser.post("\(Self.visit(0))/confirm")
            #expect(confirmed.status == .seeOther && confirmed.location == "\(Self.visit(0))?done=confirmed")
            let page = try await browser.get(confirmed.location!)
            #expect(page.body.contains("the visit is confirmed") && page.body.contains(">Confirmed<") && !page.body.contains("Confirm this visit"))

            let asked = try await browser.post("\(Self.visit(1))/reschedule", [("dates[]", "2026-12-10"), ("dates[]", ""), ("dates[]", "2026-12-11"), ("note", "Mornings <b>please</b>")])
            #expect(asked.status == .seeOther)
            let requested = try await browser.get(Self.visit(1))
            #expect(requested.body.contains("Reschedule requested") && requested.body.contains("December 10, 2026, December 11, 2026"))
            try await bed.deliverMail()
            let office = try #require(try bed.mail.to(Seed.adminEmail).last)
            #expect(office.header("Subject")?.contains("asks to move a visit") == true)
            #expect(office.decodedBody.contains("December 10, 2026, December 11, 2026") && office.decodedBody.contains("Mornings <b>please</b>"))

            let skipped = try await browser.post("\(Self.visit(2))/skip")
            #expect(skipped.status == .seeOther)
            #expect(try await browser.get(Self.visits).body.contains("Skipped"))
        }
        await bed.remove()
    }

    @Test("V2: after the cut-off the visit's buttons are gone, and each form posted anyway is refused (409) with the reason, nothing changed")
    func afterCutoff() async throws {
        let bed = try await PortalTestbed()
        // Two days and an hour before the first visit's 08:00: one hour past its 48-hour cut-off.
        bed.clock.advance(by: 5 * 86_400 - 3_600)
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get(Self.visit(0))
            #expect(page.body.contains("Changes closed on November 30, 2026 at 8:00") && page.body.contains("48 hours before the visit"))
            for button in ["Confirm this visit", "Skip this visit", "Ask for another date", "Pause my visits"] {
                #expect(!page.body.contains(button), "\(button)")
            }
            for (action, fields) in [
                ("confirm", []), ("skip", []), ("reschedule", [("dates[]", "2026-12-20")]), ("pause", [("from", "2026-12-02"), ("to", "2026-12-10")]),
            ] as [(String, [(String, String)])] {
                let refused = try await browser.post("\(Self.visit(0))/\(action)", fields)
                #expect(refused.status == .conflict, "\(action)")
                #expect(refused.body.contains("can no longer be changed here") || refused.body.contains("cannot be changed any more"), "\(action)")
            }
            let visit = try #require(try await bed.services.storage.records(Visit.self).find(Seed.ceceVisit, in: Seed.accountA))
            #expect(visit.status == .scheduled && visit.sequence == 0)
            // The next week's visit is still open.
            #expect(try await browser.get(Self.visit(1)).body.contains("Confirm this visit"))
        }
        await bed.remove()
    }

    @Test("V2: a reschedule request with a date that is not one, or a note too long, is shown again (422) with each problem beside its field and what was typed")
    func formKept() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get(Self.visit(0))
            let wrong = try await browser.post("\(Self.visit(0))/reschedule", [("dates[]", "next tuesday"), ("note", "Call first — café")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Enter each date as a date") && wrong.body.contains("value=\"next tuesday\"") && wrong.body.contains("Call first — café"))
            #expect(wrong.body.contains("aria-invalid=\"true\""))
            let long = try await browser.post("\(Self.visit(0))/reschedule", [("dates[]", "2026-12-20"), ("note", String(repeating: "x", count: 1_001))])
            #expect(long.status == .unprocessableContent && long.body.contains("Keep the note to 1000 characters or fewer"))
            let visit = try #require(try await bed.services.storage.records(Visit.self).find(Seed.ceceVisit, in: Seed.accountA))
            #expect(visit.status == .scheduled)
        }
        await bed.remove()
    }

    @Test("V3: a client pauses their visits over two weeks (skipped, the office emailed), cannot pause again meanwhile, and resumes them (planned again)")
    func pauseAndResume() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get(Self.visit(1))
            let paused = try await browser.post("\(Self.visit(1))/pause", [("from", "2026-12-09"), ("to", "2026-12-20")])
            #expect(paused.status == .seeOther)
            let page = try await browser.get(paused.location!)
            #expect(page.body.contains("Your visits are paused") && page.body.contains("Paused from December 9, 2026 to December 20, 2026"))
            #expect(page.body.contains("Resume my visits") && !page.body.contains("Pause my visits"))
            let stored = try await bed.services.storage.records(Visit.self).all(of: Seed.ceceSeries, in: Seed.accountA)
            #expect(stored.map(\.status) == [.scheduled, .skipped, .skipped, .scheduled])
            try await bed.deliverMail()
            #expect(try bed.mail.to(Seed.adminEmail).last?.header("Subject")?.contains("paused their visits") == true)

            // A second pause while this one runs is refused.
            let again = try await browser.post("\(Self.visit(0))/pause", [("from", "2026-12-21"), ("to", "2026-12-30")])
            #expect(again.status == .conflict && again.body.contains("already paused"))
            #expect(try await browser.post("\(Self.visit(1))/resume").status == .seeOther)
            let resumed = try await bed.services.storage.records(Visit.self).all(of: Seed.ceceSeries, in: Seed.accountA)
            #expect(resumed.allSatisfy { $0.status == .scheduled })
        }
        await bed.remove()
    }
}
