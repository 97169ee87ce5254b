import Foundation
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

/// SPEC V5: the reminder the day before a visit, once, through the outbox, on every backend and across instances.
@Suite("Visit reminders")
struct VisitReminderTests {
    /// 17:00 in New York (the seed's zone) on the day before Cece's first visit (seven days after the seed's today).
    static func dayBefore(_ bed: PortalTestbed, at hour: Int = 17) -> Date {
        let visitDay = CalendarDate.today(at: PortalTestbed.now, in: TimeZone(identifier: "America/New_York")!).adding(days: 7)
        return visitDay.adding(days: -1).instant(at: LocalTime(hour: hour, minute: 0)!, in: TimeZone(identifier: "America/New_York")!)
    }

    static func reminders(_ bed: PortalTestbed) async throws -> [EmailMessage] {
        try await bed.services.storage.outbox.due(at: bed.clock.now.addingTimeInterval(86_400), limit: 100)
            .compactMap(\.email).filter { $0.subject.hasPrefix("Reminder:") }
    }

    @Test("V5: the reminder goes out at the reminder hour the day before, once, to the customer, with the window and a link; never before, never for a skipped visit")
    func once() async throws {
        let bed = try await PortalTestbed()
        let run = VisitReminderRun(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        bed.clock.advance(by: Self.dayBefore(bed, at: 16).timeIntervalSince(bed.clock.now))
        #expect(try await run.run() == 0)
        // Bob's visit two days before Cece's is over by then; Cece's second visit is a week later.
        bed.clock.advance(by: 3_600)
        #expect(try await run.run() == 1)
        #expect(try await run.run() == 0)
        let sent = try await Self.reminders(bed)
        #expect(sent.count == 1)
        let reminder = try #require(sent.first)
        #expect(reminder.to.map(\.address) == ["cece@example.com"])
        #expect(reminder.subject == "Reminder: Greenleaf Lawn & Tree visits you December 2, 2026, 8:00 AM – 10:00 AM")
        #expect(reminder.textBody.contains("\(PortalTestbed.base)/portal/\(Seed.keyA)/visits/\(Seed.ceceVisit)"))
        #expect(reminder.textBody.contains("Gate code MARK-CECE-VISIT"))

        // The next visit, skipped by the client: no reminder the day before it.
        var next = try #require(try await bed.services.storage.records(Visit.self).find("visit-cece-1", in: Seed.accountA))
        next.status = .skipped
        try await bed.services.storage.records(Visit.self).update(next)
        bed.clock.advance(by: 7 * 86_400)
        #expect(try await run.run() == 0)
        await bed.remove()
    }

    @Test("V5: two instances on one database run the reminders at the same instant: the reminder is queued once", arguments: TestStorage.all)
    func twoInstances(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        bed.clock.advance(by: Self.dayBefore(bed).timeIntervalSince(bed.clock.now))
        var services = bed.services
        // SQLite and PostgreSQL: a second instance opens the same database; the JSON store locks its folder to one
        // process, so its two runs share the store.
        if storage.name == "sqlite" || storage.name == "postgres" { services.storage = try await storage.open(bed.folder) }
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        let (one, other) = (VisitReminderRun(services: bed.services, emails: emails), VisitReminderRun(services: services, emails: emails))
        for _ in 0..<5 {
            async let first = one.run()
            async let second = other.run()
            _ = try await (first, second)
        }
        #expect(try await Self.reminders(bed).count == 1)
        if storage.name == "sqlite" || storage.name == "postgres" { try await services.storage.close() }
        await bed.remove()
    }
}
