import Foundation
import PortalKernel
import Testing

/// SPEC V2, V3 through `ClientVisits` on the in-memory store: what a client's answers change, queue and record.
@Suite("ClientVisits: a client's answers about their visits")
struct ClientVisitsTests {
    /// The bed's company with webhooks and one office user, a weekly series of six visits (08:00–10:00) from a week
    /// after the bed's today, a one-off visit in three days, and a neighbour's visit.
    struct Schedule {
        let bed: UseCaseBed
        let account: Account
        let visits: ClientVisits
        let series: VisitSeries
        let seriesVisits: [Visit]
        let oneOff: Visit
        let neighbours: Visit
        var client: ClientVisits.Client { .init(customer: bed.customer, email: "cece@example.com", origin: bed.origin) }

        init() async throws {
            let bed = try await UseCaseBed()
            var account = bed.account
            account.settings.webhookURLs = ["https://hooks.example.com/portal"]
            try await bed.services.storage.accounts.update(account)
            try await bed.services.storage.staffUsers.insert(
                StaffUser(accountID: account.id, name: "Olive Office", email: "olive@greenleaf.example", passwordHash: "x", role: .admin))
            let (customer, now) = (bed.customer, bed.clock.now)
            let job = Job(accountID: account.id, customerID: customer.id, title: "Weekly mowing", createdStage: .active, createdAt: now)
            try await bed.services.storage.jobs.insert(job)
            let today = account.today(at: now)
            let window = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!)
            let series = VisitSeries(
                accountID: account.id, jobID: job.id, customerID: customer.id, cadence: .weekly, start: today.adding(days: 7),
                end: .count(6), window: window, createdAt: now)
            try await bed.services.storage.records(VisitSeries.self).insert(series)
            let accountID = account.id
            let seriesVisits = series.allDates.map {
                Visit(accountID: accountID, jobID: job.id, customerID: customer.id, seriesID: series.id, date: $0, window: window, createdAt: now)
            }
            let oneOff = Visit(accountID: account.id, jobID: job.id, customerID: customer.id, date: today.adding(days: 3), window: window, createdAt: now)
            let neighbour = Customer(accountID: account.id, displayName: "Birch", emails: ["birch@example.net"])
            try await bed.services.storage.customers.insert(neighbour)
            let theirJob = Job(accountID: account.id, customerID: neighbour.id, title: "Hedge", createdStage: .active, createdAt: now)
            try await bed.services.storage.jobs.insert(theirJob)
            let neighbours = Visit(accountID: account.id, jobID: theirJob.id, customerID: neighbour.id, date: today.adding(days: 3), createdAt: now)
            for visit in seriesVisits + [oneOff, neighbours] { try await bed.services.storage.records(Visit.self).insert(visit) }
            (self.bed, self.account, self.series, self.seriesVisits, self.oneOff, self.neighbours) = (bed, account, series, seriesVisits, oneOff, neighbours)
            visits = ClientVisits(services: bed.services, emails: KindComposer())
        }

        func stored(_ visit: Visit) async throws -> Visit? { try await bed.services.storage.records(Visit.self).find(visit.id, in: account.id) }

        /// The webhook events and the emails' kinds queued so far.
        func queued() async throws -> (webhooks: [String], emails: [String]) {
            let messages = try await bed.services.storage.outbox.due(at: bed.clock.now.addingTimeInterval(86_400), limit: 1_000)
            return (messages.compactMap(\.webhook?.event), messages.compactMap(\.email?.subject))
        }

        func actions() async throws -> [AuditEvent.Action] {
            try await bed.services.storage.auditEvents.recent(in: account.id, limit: 100).map(\.action)
        }
    }

    @Test("V2: before the cut-off a client confirms, asks to reschedule (the office is emailed) and skips a visit of a series; each queues its webhook and records an audit event")
    func changesBeforeCutoff() async throws {
        let schedule = try await Schedule()
        let (first, second) = (schedule.seriesVisits[0], schedule.seriesVisits[1])
        guard case .done(let confirmed) = try await schedule.visits.confirm(first.id, account: schedule.account, by: schedule.client) else {
            Issue.record("confirm was not done")
            return
        }
        #expect(confirmed.status == .confirmed && confirmed.sequence == 1)
        #expect(try await schedule.stored(first) == confirmed)

        let today = schedule.account.today(at: schedule.bed.clock.now)
        let dates = [today.adding(days: 12).description, "", today.adding(days: 13).description]
        let asked = try await schedule.visits.requestReschedule(second.id, dates: dates, note: "  Mornings, please  ", account: schedule.account, by: schedule.client)
        guard case .done(let moved) = asked else {
            Issue.record("the reschedule request was not done: \(asked)")
            return
        }
        #expect(moved.status == .rescheduleRequested)
        #expect(moved.rescheduleRequest?.preferredDates == [today.adding(days: 12), today.adding(days: 13)])
        #expect(moved.rescheduleRequest?.note == "Mornings, please")

        guard case .done(let skipped) = try await schedule.visits.skip(schedule.seriesVisits[2].id, account: schedule.account, by: schedule.client) else {
            Issue.record("skip was not done")
            return
        }
        #expect(skipped.status == .skipped && skipped.statusBeforePause == nil)

        let queued = try await schedule.queued()
        #expect(queued.webhooks.sorted() == ["visit.confirmed", "visit.rescheduleRequested", "visit.skipped"])
        #expect(queued.emails == ["visitRequest"])
        #expect(Set(try await schedule.actions()) == [.visitConfirmed, .visitRescheduleRequested, .visitSkipped])
        // Confirming twice: the status says so.
        #expect(try await schedule.visits.confirm(first.id, account: schedule.account, by: schedule.client)
            == .refused(VisitChangeRefusal.notOpen(.confirmed).message))
    }

    @Test("V2: after the cut-off confirm, reschedule, skip and pause are refused with the reason, and nothing is changed, queued or recorded")
    func refusedAfterCutoff() async throws {
        let schedule = try await Schedule()
        let visit = schedule.seriesVisits[0]
        // One minute after the cut-off: 48 hours before 08:00 on the visit's day.
        let cutoff = VisitChangeRule.cutoff(of: visit, settings: schedule.account.settings.visits, timeZone: schedule.account.timeZone)
        schedule.bed.clock.advance(by: cutoff.timeIntervalSince(schedule.bed.clock.now) + 60)
        let reason = VisitChangeRefusal.pastCutoff(closedAt: cutoff, hours: 48).message
        let client = schedule.client
        let tomorrow = schedule.account.today(at: schedule.bed.clock.now).adding(days: 1).description
        #expect(try await schedule.visits.confirm(visit.id, account: schedule.account, by: client) == .refused(reason))
        #expect(try await schedule.visits.requestReschedule(visit.id, dates: [tomorrow], note: "", account: schedule.account, by: client) == .refused(reason))
        #expect(try await schedule.visits.skip(visit.id, account: schedule.account, by: client) == .refused(reason))
        let paused = try await schedule.visits.pause(visit.id, from: visit.date.description, to: visit.date.adding(days: 20).description, account: schedule.account, by: client)
        guard case .refused(let message) = paused else {
            Issue.record("the pause was not refused: \(paused)")
            return
        }
        #expect(message.contains(reason))
        #expect(try await schedule.stored(visit) == visit)
        let queued = try await schedule.queued()
        #expect(queued.webhooks.isEmpty && queued.emails.isEmpty)
        #expect(try await schedule.actions().isEmpty)
    }

    @Test("V2: a reschedule request needs one to three distinct dates after today and a note under 1,000 characters; the problems come by field")
    func rescheduleForm() async throws {
        let schedule = try await Schedule()
        let visit = schedule.seriesVisits[0]
        let today = schedule.account.today(at: schedule.bed.clock.now)
        let later = (1...4).map { today.adding(days: $0 + 10).description }
        for (dates, note, field) in [
            ([String](), "", "dates"), (["", " "], "", "dates"), (later, "", "dates"), (["14/12/2026"], "", "dates"),
            ([today.description], "", "dates"), ([later[0], later[0]], "", "dates"),
            ([later[0]], String(repeating: "é", count: 1_001), "note"), ([later[0]], "a" + String(repeating: "\u{301}", count: 1_000), "note"),
            ([today.adding(days: 366).description], "", "dates"),
        ] {
            let outcome = try await schedule.visits.requestReschedule(visit.id, dates: dates, note: note, account: schedule.account, by: schedule.client)
            guard case .invalid(let problems) = outcome else {
                Issue.record("\(dates) was not refused: \(outcome)")
                continue
            }
            #expect(problems[field] != nil, "\(dates): \(problems)")
        }
        #expect(try await schedule.stored(visit) == visit)
        #expect(try await schedule.queued().webhooks.isEmpty)
    }

    @Test("V3: a pause skips the series' planned visits in the span and emails the office; resuming plans them again; the one-off visit cannot be paused")
    func pauseAndResume() async throws {
        let schedule = try await Schedule()
        let (second, fourth) = (schedule.seriesVisits[1], schedule.seriesVisits[3])
        let outcome = try await schedule.visits.pause(
            second.id, from: second.date.description, to: fourth.date.description, account: schedule.account, by: schedule.client)
        guard case .done(let visit) = outcome else {
            Issue.record("the pause was not done: \(outcome)")
            return
        }
        #expect(visit.status == .skipped && visit.statusBeforePause == .scheduled)
        let stored = try await schedule.bed.services.storage.records(Visit.self).all(of: schedule.series.id, in: schedule.account.id)
        #expect(stored.map(\.status) == [.scheduled, .skipped, .skipped, .skipped, .scheduled, .scheduled])
        #expect(try await schedule.bed.services.storage.records(VisitSeries.self).find(schedule.series.id, in: schedule.account.id)?.pause?.to == fourth.date)
        let queued = try await schedule.queued()
        #expect(queued.webhooks == ["visit.skipped", "visit.skipped", "visit.skipped"])
        #expect(queued.emails == ["visitRequest"])
        // The office's email names the visits the pause skipped.
        let office = try await schedule.bed.services.storage.outbox.due(at: schedule.bed.clock.now.addingTimeInterval(86_400), limit: 10)
            .compactMap(\.email).first { $0.subject == "visitRequest" }
        #expect(office.map { email in stored[1...3].allSatisfy { email.textBody.contains("\($0.date)") } } == true)

        // A second pause while this one runs is refused; resuming restores the three.
        let again = try await schedule.visits.pause(
            schedule.seriesVisits[4].id, from: schedule.seriesVisits[4].date.description, to: schedule.seriesVisits[5].date.description,
            account: schedule.account, by: schedule.client)
        guard case .refused = again else {
            Issue.record("a second pause was not refused: \(again)")
            return
        }
        #expect(try await schedule.visits.resume(second.id, account: schedule.account, by: schedule.client) != .notFound)
        let resumed = try await schedule.bed.services.storage.records(Visit.self).all(of: schedule.series.id, in: schedule.account.id)
        #expect(resumed.allSatisfy { $0.status == .scheduled })
        #expect(try await schedule.queued().emails == ["visitRequest", "visitRequest"])
        #expect(try await schedule.visits.resume(second.id, account: schedule.account, by: schedule.client) == .refused("Your visits are not paused."))
        #expect(try await schedule.visits.pause(
            schedule.oneOff.id, from: schedule.oneOff.date.description, to: schedule.oneOff.date.description, account: schedule.account, by: schedule.client)
            == .refused(VisitChangeRefusal.notInSeries.message))
        #expect(try await schedule.visits.resume(schedule.oneOff.id, account: schedule.account, by: schedule.client) == .refused(VisitChangeRefusal.notInSeries.message))
        #expect(try await schedule.visits.skip(schedule.oneOff.id, account: schedule.account, by: schedule.client) == .refused(VisitChangeRefusal.notInSeries.message))
        let bad = try await schedule.visits.pause(second.id, from: "soon", to: "", account: schedule.account, by: schedule.client)
        #expect(bad == .invalid(["from": "Enter the first day of the pause as a date.", "to": "Enter the last day of the pause as a date."]))
        // Dates the rules refuse are problems of their fields, not of the page.
        let backwards = try await schedule.visits.pause(second.id, from: fourth.date.description, to: second.date.description, account: schedule.account, by: schedule.client)
        #expect(backwards == .invalid(["to": VisitPauseRefusal.endsBeforeStart.message]))
    }

    @Test("V2, V3: a pause sent through a visit past its cut-off or already done is refused like the visit's own changes, and a pause then resume keeps a confirmation and a reschedule request")
    func pauseThroughClosedVisit() async throws {
        let schedule = try await Schedule()
        let (first, second, third) = (schedule.seriesVisits[0], schedule.seriesVisits[1], schedule.seriesVisits[2])
        var done = schedule.seriesVisits[5]
        done.date = schedule.account.today(at: schedule.bed.clock.now).adding(days: -1)
        done.status = .completed
        try await schedule.bed.services.storage.records(Visit.self).update(done)
        #expect(try await schedule.visits.pause(done.id, from: third.date.description, to: third.date.description, account: schedule.account, by: schedule.client)
            == .refused(VisitChangeRefusal.notOpen(.completed).message))

        _ = try await schedule.visits.confirm(second.id, account: schedule.account, by: schedule.client)
        let tomorrow = schedule.account.today(at: schedule.bed.clock.now).adding(days: 20).description
        _ = try await schedule.visits.requestReschedule(third.id, dates: [tomorrow], note: "Later", account: schedule.account, by: schedule.client)
        _ = try await schedule.visits.pause(second.id, from: second.date.description, to: third.date.description, account: schedule.account, by: schedule.client)
        // Past the first visit's cut-off, a pause through its page is refused, even over later days.
        let cutoff = VisitChangeRule.cutoff(of: first, settings: schedule.account.settings.visits, timeZone: schedule.account.timeZone)
        schedule.bed.clock.advance(by: cutoff.timeIntervalSince(schedule.bed.clock.now) + 1)
        guard case .refused = try await schedule.visits.pause(first.id, from: schedule.seriesVisits[4].date.description, to: schedule.seriesVisits[4].date.description, account: schedule.account, by: schedule.client) else {
            Issue.record("a pause through a visit past its cut-off was not refused")
            return
        }
        _ = try await schedule.visits.resume(second.id, account: schedule.account, by: schedule.client)
        #expect(try await schedule.stored(second)?.status == .confirmed)
        #expect(try await schedule.stored(third)?.status == .rescheduleRequested)
        #expect(try await schedule.stored(third)?.rescheduleRequest?.note == "Later")
    }

    @Test("V1, V2: another customer's visit, a cancelled one and a missing one are all not found, and nothing changes")
    func othersNotFound() async throws {
        let schedule = try await Schedule()
        var cancelled = schedule.seriesVisits[5]
        cancelled.status = .cancelled
        try await schedule.bed.services.storage.records(Visit.self).update(cancelled)
        for id in [schedule.neighbours.id, cancelled.id, Visit.ID(rawValue: "no-such-visit")] {
            #expect(try await schedule.visits.confirm(id, account: schedule.account, by: schedule.client) == .notFound)
            #expect(try await schedule.visits.skip(id, account: schedule.account, by: schedule.client) == .notFound)
            #expect(try await schedule.visits.resume(id, account: schedule.account, by: schedule.client) == .notFound)
        }
        #expect(try await schedule.stored(schedule.neighbours) == schedule.neighbours)
        #expect(try await schedule.actions().isEmpty)
    }
}
