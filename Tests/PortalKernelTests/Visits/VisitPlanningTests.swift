import Foundation
import PortalKernel
import Testing

/// #23 point 6 and 7: what staff and integrations do with visits, through `VisitPlanning` on the in-memory store.
@Suite("VisitPlanning: staff schedule, move, complete and cancel visits (#23)")
struct VisitPlanningTests {
    /// The bed's company with webhooks, Cece's weekly-mowing job, a neighbour with a job, and a lead's job without
    /// a customer.
    struct Office {
        let bed: UseCaseBed
        let account: Account
        let planning: VisitPlanning
        let job: Job
        let neighbourJob: Job
        let leadJob: Job
        let lostJob: Job
        let actor = StaffActor.staff("olive")
        var today: CalendarDate { account.today(at: bed.clock.now) }
        let morning = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!)

        init() async throws {
            let bed = try await UseCaseBed()
            var account = bed.account
            account.settings.webhookURLs = ["https://hooks.example.com/portal"]
            try await bed.services.storage.accounts.update(account)
            let now = bed.clock.now
            job = Job(accountID: account.id, customerID: bed.customer.id, title: "Weekly mowing", createdStage: .active, createdAt: now)
            let neighbour = Customer(accountID: account.id, displayName: "Birch", emails: ["birch@example.net"])
            try await bed.services.storage.customers.insert(neighbour)
            neighbourJob = Job(accountID: account.id, customerID: neighbour.id, title: "Hedge", createdStage: .active, createdAt: now)
            leadJob = Job(accountID: account.id, customerID: nil, title: "Tree removal", createdStage: .lead, createdAt: now)
            lostJob = Job(accountID: account.id, customerID: bed.customer.id, title: "Pond", createdStage: .proposal, stage: .lost, createdAt: now)
            for job in [job, neighbourJob, leadJob, lostJob] { try await bed.services.storage.jobs.insert(job) }
            (self.bed, self.account) = (bed, account)
            planning = VisitPlanning(services: bed.services, emails: KindComposer())
        }

        func stored(_ id: Visit.ID) async throws -> Visit? { try await bed.services.storage.records(Visit.self).find(id, in: account.id) }

        func all() async throws -> [Visit] { try await bed.services.storage.records(Visit.self).all(in: account.id) }

        /// The webhook events and the emails' kinds queued so far.
        func queued() async throws -> (webhooks: [String], emails: [String]) {
            let messages = try await bed.services.storage.outbox.due(at: bed.clock.now.addingTimeInterval(86_400), limit: 1_000)
            return (messages.compactMap(\.webhook?.event), messages.compactMap(\.email?.subject))
        }

        func actions() async throws -> [AuditEvent.Action] {
            try await bed.services.storage.auditEvents.recent(in: account.id, limit: 1_000).map(\.action)
        }

        /// What `body` throws, as a use case's refusal.
        func refusal(_ body: () async throws -> Any) async -> UseCaseError? {
            do {
                _ = try await body()
                return nil
            } catch {
                return error as? UseCaseError
            }
        }
    }

    @Test("#23: a one-off visit is scheduled for a job's customer, with its window, crew and note trimmed, and an audit event")
    func schedulesOneOff() async throws {
        let office = try await Office()
        let plan = VisitPlanning.Plan(
            jobID: office.job.id, date: office.today.adding(days: 5), window: office.morning, crew: "  Crew 2 ", clientNote: " Gate code 1234 ")
        let visit = try await office.planning.schedule(plan, in: office.account, by: office.actor)
        #expect(visit.customerID == office.bed.customer.id && visit.seriesID == nil && visit.status == .scheduled)
        #expect(visit.crew == "Crew 2" && visit.clientNote == "Gate code 1234" && visit.window == office.morning)
        #expect(try await office.stored(visit.id) == visit)
        #expect(try await office.actions() == [.visitScheduled])
    }

    @Test("#23: scheduling refuses a job of no customer, an unknown job, a date beyond ten years, and a crew or note too long counted in scalars; nothing is saved")
    func schedulingRefusals() async throws {
        let office = try await Office()
        let date = office.today.adding(days: 5)
        let cases: [(VisitPlanning.Plan, UseCaseError.Kind, String?)] = [
            (.init(jobID: office.leadJob.id, date: date), .invalid, "jobId"),
            (.init(jobID: "another-accounts-job", date: date), .notFound, nil),
            (.init(jobID: office.job.id, date: office.today.adding(months: 120).adding(days: 1)), .invalid, "date"),
            (.init(jobID: office.job.id, date: office.today.adding(months: -12).adding(days: -1)), .invalid, "date"),
            (.init(jobID: office.neighbourJob.id, date: date, customerID: office.bed.customer.id), .invalid, "jobId"),
            (.init(jobID: office.lostJob.id, date: date), .invalid, "jobId"),
            (.init(jobID: office.job.id, date: date, crew: String(repeating: "e\u{301}", count: 51)), .invalid, "crew"),
            (.init(jobID: office.job.id, date: date, clientNote: String(repeating: "x", count: Visit.noteLimit + 1)), .invalid, "clientNote"),
        ]
        for (plan, kind, field) in cases {
            let refusal = await office.refusal { try await office.planning.schedule(plan, in: office.account, by: office.actor) }
            #expect(refusal?.kind == kind, "\(plan)")
            #expect(refusal?.fields.keys.first == field, "\(plan)")
        }
        // The limits themselves are allowed.
        let longest = VisitPlanning.Plan(
            jobID: office.job.id, date: office.today.adding(months: 120), crew: String(repeating: "c", count: Visit.crewLimit),
            clientNote: String(repeating: "n", count: Visit.noteLimit))
        _ = try await office.planning.schedule(longest, in: office.account, by: office.actor)
        #expect(try await office.all().count == 1)
    }

    @Test("#23: a series is scheduled with all its visits, each with the series' window and crew; a count of 0 or 521 and an end before the start are refused")
    func schedulesSeries() async throws {
        let office = try await Office()
        let plan = VisitPlanning.Plan(jobID: office.job.id, date: office.today.adding(days: 2), window: office.morning, crew: "Crew 1")
        let (series, visits) = try await office.planning.scheduleSeries(plan, cadence: .everyTwoWeeks, end: .count(4), in: office.account, by: office.actor)
        #expect(visits.map(\.date) == [2, 16, 30, 44].map { office.today.adding(days: $0) })
        #expect(visits.allSatisfy { $0.seriesID == series.id && $0.window == office.morning && $0.crew == "Crew 1" && $0.status == .scheduled })
        #expect(try await office.bed.services.storage.records(Visit.self).all(of: series.id, in: office.account.id) == visits)
        #expect(try await office.actions() == [.visitSeriesScheduled])

        // Ten years ahead is the limit for every visit of a series: 520 monthly visits, or a last date past it.
        for end: VisitSeries.End in [
            .count(0), .count(VisitSeries.maximumVisits + 1), .until(plan.date.adding(days: -1)), .count(VisitSeries.maximumVisits),
            .until(office.today.adding(months: 120).adding(days: 1)),
        ] {
            let refusal = await office.refusal {
                try await office.planning.scheduleSeries(plan, cadence: .monthly, end: end, in: office.account, by: office.actor)
            }
            #expect(refusal?.kind == .invalid, "\(end)")
        }
        #expect(try await office.all().count == 4)
    }

    @Test("#23 V2: a new date answers a reschedule request: scheduled again, the request cleared, the sequence up, the reminder due again; visit.rescheduled and the client's email")
    func answersRescheduleRequest() async throws {
        let office = try await Office()
        var visit = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 5), window: office.morning), in: office.account, by: office.actor)
        visit.status = .rescheduleRequested
        visit.rescheduleRequest = .init(preferredDates: [office.today.adding(days: 9)], note: "Afternoons", requestedAt: office.bed.clock.now)
        visit.reminderQueuedAt = office.bed.clock.now
        try await office.bed.services.storage.records(Visit.self).update(visit)

        let afternoon = ArrivalWindow(start: LocalTime(hour: 13, minute: 0)!, end: LocalTime(hour: 15, minute: 0)!)
        let moved = try await office.planning.change(
            visit.id, .init(date: office.today.adding(days: 9), window: .some(afternoon)), tellClient: true, in: office.account, by: office.actor)
        #expect(moved.status == .scheduled && moved.rescheduleRequest == nil && moved.reminderQueuedAt == nil)
        #expect(moved.date == office.today.adding(days: 9) && moved.window == afternoon && moved.sequence == visit.sequence + 1)
        #expect(try await office.stored(visit.id) == moved)
        let queued = try await office.queued()
        #expect(queued.webhooks == ["visit.rescheduled"] && queued.emails == ["visitChanged"])
    }

    @Test("#23: a crew or note change keeps the status and sequence and sends nothing; a move without tellClient emails nobody; a skipped visit given a date is planned again")
    func quietChanges() async throws {
        let office = try await Office()
        var visit = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 5)), in: office.account, by: office.actor)
        visit.status = .confirmed
        try await office.bed.services.storage.records(Visit.self).update(visit)
        let renamed = try await office.planning.change(visit.id, .init(crew: .some("Crew 3"), clientNote: .some("  ")), tellClient: true, in: office.account, by: office.actor)
        #expect(renamed.status == .confirmed && renamed.sequence == visit.sequence && renamed.crew == "Crew 3" && renamed.clientNote == nil)
        #expect(try await office.queued().webhooks.isEmpty)

        _ = try await office.planning.change(visit.id, .init(date: office.today.adding(days: 6)), tellClient: false, in: office.account, by: office.actor)
        #expect(try await office.queued() == (["visit.rescheduled"], []))

        var skipped = try await office.stored(visit.id)!
        skipped.status = .skipped
        try await office.bed.services.storage.records(Visit.self).update(skipped)
        let again = try await office.planning.change(visit.id, .init(date: skipped.date), tellClient: false, in: office.account, by: office.actor)
        #expect(again.status == .scheduled && again.date == skipped.date && again.sequence == skipped.sequence + 1)
    }

    @Test("#23: a visit is completed on its day or after, never ahead; completed and cancelled visits are final (409), and visit.completed is sent once")
    func completes() async throws {
        let office = try await Office()
        let ahead = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 1)), in: office.account, by: office.actor)
        let today = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today), in: office.account, by: office.actor)
        #expect(await office.refusal { try await office.planning.complete(ahead.id, in: office.account, by: office.actor) }?.kind == .conflict)

        let done = try await office.planning.complete(today.id, in: office.account, by: office.actor)
        #expect(done.status == .completed && done.completedAt == office.bed.clock.now && done.sequence == today.sequence + 1)
        for again in [
            { try await office.planning.complete(today.id, in: office.account, by: office.actor) },
            { try await office.planning.cancel(today.id, tellClient: true, in: office.account, by: office.actor) },
            { try await office.planning.change(today.id, .init(crew: .some("x")), tellClient: false, in: office.account, by: office.actor) },
        ] as [() async throws -> Visit] {
            #expect(await office.refusal(again)?.kind == .conflict)
        }
        #expect(try await office.queued().webhooks == ["visit.completed"])
        #expect(try await office.stored(today.id) == done)
    }

    @Test("#23 V1: a cancelled visit leaves the portal, sends visit.cancelled and emails the client only while it was still to happen")
    func cancels() async throws {
        let office = try await Office()
        let planned = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 3)), in: office.account, by: office.actor)
        var skipped = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 10)), in: office.account, by: office.actor)
        skipped.status = .skipped
        try await office.bed.services.storage.records(Visit.self).update(skipped)

        let cancelled = try await office.planning.cancel(planned.id, tellClient: true, in: office.account, by: office.actor)
        _ = try await office.planning.cancel(skipped.id, tellClient: true, in: office.account, by: office.actor)
        #expect(cancelled.status == .cancelled && cancelled.sequence == planned.sequence + 1)
        #expect(!VisitSchedule.isShown(cancelled, today: office.today, settings: office.account.settings.visits))
        let queued = try await office.queued()
        #expect(queued.webhooks == ["visit.cancelled", "visit.cancelled"] && queued.emails == ["visitChanged"])
        #expect(await office.refusal { try await office.planning.cancel(planned.id, tellClient: true, in: office.account, by: office.actor) }?.kind == .conflict)
    }

    @Test("#23: the day's route lists every customer's visits of that day by window (none last), then crew and name, with customer and job; not the next day's")
    func daysRoute() async throws {
        let office = try await Office()
        let day = office.today.adding(days: 4)
        let noon = ArrivalWindow(start: LocalTime(hour: 12, minute: 0)!, end: LocalTime(hour: 14, minute: 0)!)
        let anyTime = try await office.planning.schedule(.init(jobID: office.job.id, date: day), in: office.account, by: office.actor)
        let atNoon = try await office.planning.schedule(.init(jobID: office.neighbourJob.id, date: day, window: noon), in: office.account, by: office.actor)
        let early = try await office.planning.schedule(.init(jobID: office.job.id, date: day, window: office.morning), in: office.account, by: office.actor)
        _ = try await office.planning.schedule(.init(jobID: office.job.id, date: day.adding(days: 1)), in: office.account, by: office.actor)

        let route = try await office.planning.visits(from: day, through: day, in: office.account.id)
        #expect(route.map(\.visit.id) == [early.id, atNoon.id, anyTime.id])
        #expect(route.map { $0.customer?.displayName } == ["Cece", "Birch", "Cece"])
        #expect(route.map { $0.job?.title } == ["Weekly mowing", "Hedge", "Weekly mowing"])
        #expect(try await office.planning.visits(of: office.bed.customer.id, from: day, in: office.account.id).map(\.visit.date) == [day, day, day.adding(days: 1)])
    }

    @Test("#23: a plan with a key schedules once: the same key again answers with the visit or series made the first time")
    func idempotentScheduling() async throws {
        let office = try await Office()
        var plan = VisitPlanning.Plan(jobID: office.job.id, date: office.today.adding(days: 3), key: "form-1")
        let first = try await office.planning.schedule(plan, in: office.account, by: office.actor)
        #expect(try await office.planning.schedule(plan, in: office.account, by: office.actor) == first)
        plan.key = "form-2"
        let (series, visits) = try await office.planning.scheduleSeries(plan, cadence: .weekly, end: .count(3), in: office.account, by: office.actor)
        let again = try await office.planning.scheduleSeries(plan, cadence: .weekly, end: .count(3), in: office.account, by: office.actor)
        #expect(again.series == series && again.visits == visits)
        #expect(try await office.all().count == 4)
        #expect(try await office.actions().sorted { $0.rawValue < $1.rawValue } == [.visitScheduled, .visitSeriesScheduled])
    }

    @Test("#23: a visit is never moved into the past; a request answered with the same day tells the client it stays as planned")
    func movesAndAnswers() async throws {
        let office = try await Office()
        var visit = try await office.planning.schedule(.init(jobID: office.job.id, date: office.today.adding(days: 5)), in: office.account, by: office.actor)
        let past = await office.refusal {
            try await office.planning.change(visit.id, .init(date: office.today.adding(days: -1)), tellClient: true, in: office.account, by: office.actor)
        }
        #expect(past?.fields["date"] == "Choose today or a later day for the visit.")
        visit.status = .rescheduleRequested
        visit.rescheduleRequest = .init(preferredDates: [office.today.adding(days: 9)], note: nil, requestedAt: office.bed.clock.now)
        try await office.bed.services.storage.records(Visit.self).update(visit)
        let kept = try await office.planning.change(visit.id, .init(date: visit.date), tellClient: true, in: office.account, by: office.actor)
        #expect(kept.status == .scheduled && kept.date == visit.date)
        let email = try #require(try await office.bed.queuedEmails().first)
        #expect(email.subject == "visitChanged" && email.textBody.contains("change: PortalKernel.VisitChangeNotice.kept"))
    }
}
