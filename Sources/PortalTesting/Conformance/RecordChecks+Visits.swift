import Foundation
import PortalKernel
import Testing

/// The conformance check of visits and their series (#23).
extension StorageConformance {
    func visits() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        let job = fixture.job("job-v", customer: customer.id, in: a, created: .active)
        try await store.jobs.insert(job)
        let window = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 30)!)
        var series = VisitSeries(
            id: "series-1", accountID: a, jobID: job.id, customerID: customer.id, cadence: .monthly, start: CalendarDate(iso: "2027-01-31")!,
            end: .until(CalendarDate(iso: "2027-04-30")!), window: window, crew: "Crew 2", createdAt: fixture.now)
        try await store.records(VisitSeries.self).insert(series)
        let visits = series.allDates.enumerated().map { index, date in
            Visit(
                id: .init(rawValue: "visit-\(index)"), accountID: a, jobID: job.id, customerID: customer.id, seriesID: series.id, date: date,
                window: window, crew: "Crew 2", clientNote: "Gate code 1234 — café", createdAt: fixture.now)
        }
        for visit in visits.reversed() { try await store.records(Visit.self).insert(visit) }
        var oneOff = Visit(
            id: "visit-once", accountID: a, jobID: job.id, customerID: customer.id, date: CalendarDate(iso: "2027-02-28")!, status: .rescheduleRequested,
            rescheduleRequest: .init(preferredDates: [CalendarDate(iso: "2027-03-02")!], note: "Any morning", requestedAt: fixture.now),
            createdAt: fixture.now)
        try await store.records(Visit.self).insert(oneOff)

        #expect(try await store.records(VisitSeries.self).find(series.id, in: a) == series)
        #expect(try await store.records(Visit.self).find(oneOff.id, in: a) == oneOff)
        #expect(try await store.records(Visit.self).find(oneOff.id, in: StorageFixture.accountB) == nil)
        let fromFebruary = try await store.records(Visit.self).all(of: customer.id, from: CalendarDate(iso: "2027-02-28")!, in: a)
        #expect(fromFebruary.map(\.date.description) == ["2027-02-28", "2027-02-28", "2027-03-31", "2027-04-30"])
        #expect(Set(fromFebruary.prefix(2).map(\.id)) == ["visit-1", "visit-once"])
        let march = try await store.records(Visit.self).all(from: CalendarDate(iso: "2027-03-01")!, through: CalendarDate(iso: "2027-03-31")!, in: a)
        #expect(march.map(\.id) == ["visit-2"])
        #expect(try await store.records(Visit.self).all(of: series.id, in: a).map(\.id) == ["visit-0", "visit-1", "visit-2", "visit-3"])
        #expect(try await store.records(Visit.self).all(of: customer.id, from: CalendarDate(iso: "2027-01-01")!, in: StorageFixture.accountB).isEmpty)

        oneOff.status = .scheduled
        oneOff.rescheduleRequest = nil
        oneOff.date = CalendarDate(iso: "2027-03-02")!
        oneOff.sequence += 1
        try await store.records(Visit.self).update(oneOff)
        #expect(try await store.records(Visit.self).find(oneOff.id, in: a) == oneOff)
        series.pause = .init(from: CalendarDate(iso: "2027-03-01")!, to: CalendarDate(iso: "2027-03-31")!, requestedAt: fixture.now)
        try await store.records(VisitSeries.self).update(series)
        #expect(try await store.records(VisitSeries.self).find(series.id, in: a)?.pause == series.pause)

        let orphan = Visit(accountID: a, jobID: "no-such-job", customerID: customer.id, date: CalendarDate(iso: "2027-01-01")!, createdAt: fixture.now)
        await #expect(throws: StorageError.self) { try await store.records(Visit.self).insert(orphan) }
        try await fixture.tearDown()
    }
}
