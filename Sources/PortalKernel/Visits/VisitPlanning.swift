import Foundation

/// What staff and integrations do with visits (#23, points 6 and 7): schedule a one-off visit or a series for a job,
/// change a visit (a new date or window answers a reschedule request), mark it completed, cancel it; and read the
/// day's visits, a customer's visits and a series.
///
/// Each write is one transaction that reads the visit again, with its audit event, its webhook
/// (`visit.rescheduled`, `visit.completed`, `visit.cancelled`) and, when staff ask for it, the client's email about a
/// new date or a cancellation of a visit still to happen.
public struct VisitPlanning: Sendable {
    /// The fields of a plan, as the JSON API names them; the keys of `UseCaseError.fields`.
    public enum Field: String, Hashable, Sendable {
        case jobId, date, crew, clientNote, until, count
    }

    /// A visit, with its customer and job: a row of the day's route or of a customer's visits.
    public struct Listing: Sendable {
        /// The visit.
        public let visit: Visit
        /// Whose visit it is; `nil` only if the customer was deleted from under it.
        public let customer: Customer?
        /// The work; `nil` only if the job was deleted from under it.
        public let job: Job?
    }

    /// A one-off visit or a series' first visit, as staff or an integration asks for it.
    public struct Plan: Sendable {
        /// The job the visit does work for: one of the account's, with a customer.
        public var jobID: Job.ID
        /// The day (a series' first), from a year ago to ten years ahead (``Visit/plannable(today:)``).
        public var date: CalendarDate
        /// The arrival window; `nil` for any time that day.
        public var window: ArrivalWindow?
        /// Who does the work; blank or `nil` for none; at most ``Visit/crewLimit`` scalars.
        public var crew: String?
        /// Staff's note for the client; blank or `nil` for none; at most ``Visit/noteLimit`` scalars.
        public var clientNote: String?
        /// The customer the job must be for (the back office schedules from a customer's page); `nil`: the job's.
        public var customerID: Customer.ID?
        /// The form's or request's key (an `Idempotency-Key`): the same key schedules once, and a repeat answers with
        /// what the first made; `nil` for none.
        public var key: String?

        /// Memberwise.
        public init(
            jobID: Job.ID, date: CalendarDate, window: ArrivalWindow? = nil, crew: String? = nil, clientNote: String? = nil,
            customerID: Customer.ID? = nil, key: String? = nil
        ) {
            (self.jobID, self.date, self.window, self.crew, self.clientNote) = (jobID, date, window, crew, clientNote)
            (self.customerID, self.key) = (customerID, key)
        }

        /// The id of what the plan makes: derived from ``key`` within `account`, so a repeat finds it; random without.
        func id<Record>(in account: Account.ID) -> Identifier<Record> {
            guard let key else { return .random() }
            return Identifier(rawValue: "k" + SecretToken.hash(of: "\(account.rawValue):\(key)").prefix(32))
        }
    }

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes visits, series, jobs, customers, the outbox and the audit trail in `services.storage`, at
    /// `services.clock`'s instant; words the client's emails with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    // MARK: Reading

    /// The day it is now in `account`'s time zone.
    public func today(in account: Account) -> CalendarDate { account.today(at: services.clock.now) }

    /// The account's visit `id`; `nil` for an unknown id or another account's.
    public func visit(_ id: Visit.ID, in account: Account.ID) async throws -> Visit? {
        try await services.storage.records(Visit.self).find(id, in: account)
    }

    /// The account's series `id`; `nil` for an unknown id or another account's.
    public func series(_ id: VisitSeries.ID, in account: Account.ID) async throws -> VisitSeries? {
        try await services.storage.records(VisitSeries.self).find(id, in: account)
    }

    /// `visit` with its customer and job, for its page.
    public func listing(of visit: Visit, in account: Account.ID) async throws -> Listing {
        try await services.storage.read { store in try await Self.listings([visit], in: account, store: store)[0] }
    }

    /// Visit `id`'s emails (its reminder, the client's and the office's) and audit trail, for its page.
    public func history(of id: Visit.ID, in account: Account.ID) async throws -> RecordHistory {
        try await services.storage.read { store in try await store.history(of: .visit(id), in: account) }
    }

    /// The account's visits from `first` through `last`, every status, each with its customer and job: in date
    /// order, and within a day by window (those without one last), crew, then customer name (the day's route).
    public func visits(from first: CalendarDate, through last: CalendarDate, in account: Account.ID) async throws -> [Listing] {
        try await services.storage.read { store in
            try await Self.listings(try await store.records(Visit.self).all(from: first, through: last, in: account), in: account, store: store)
        }
    }

    /// The account's visits from `first` through `last`, only `customer`'s and only of `series` when given, every
    /// status, by date then id (the API's list).
    /// At most `limit` of them when given: a page of `n` from offset `o` needs `o + n + 1` to know whether a next page
    /// follows.
    public func list(
        from first: CalendarDate, through last: CalendarDate, customer: Customer.ID?, series: VisitSeries.ID?, limit: Int? = nil,
        in account: Account.ID
    ) async throws -> [Visit] {
        try await services.storage.records(Visit.self).all(from: first, through: last, customer: customer, series: series, limit: limit, in: account)
    }

    /// `customer`'s visits dated `first` or later, every status, each with its job, by date.
    public func visits(of customer: Customer.ID, from first: CalendarDate, in account: Account.ID) async throws -> [Listing] {
        try await services.storage.read { store in
            try await Self.listings(try await store.records(Visit.self).all(of: customer, from: first, in: account), in: account, store: store)
        }
    }

    /// The visits with their customers and jobs (one look-up per distinct customer), in route order.
    private static func listings(_ visits: [Visit], in account: Account.ID, store: any Repositories) async throws -> [Listing] {
        let jobs = Dictionary(
            try await store.jobs.find(Array(Set(visits.map(\.jobID))), in: account).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var customers: [Customer.ID: Customer] = [:]
        for id in Set(visits.map(\.customerID)) { customers[id] = try await store.customers.find(id, in: account) }
        return visits.map { Listing(visit: $0, customer: customers[$0.customerID], job: jobs[$0.jobID]) }.sorted(by: routeOrder)
    }

    /// By date; within a day by window start (none last), then crew, then customer name, then id.
    static func routeOrder(_ a: Listing, _ b: Listing) -> Bool {
        let (x, y) = (a.visit, b.visit)
        if x.date != y.date { return x.date < y.date }
        let (startX, startY) = (x.window?.start.minutesSinceMidnight ?? Int.max, y.window?.start.minutesSinceMidnight ?? Int.max)
        if startX != startY { return startX < startY }
        if (x.crew ?? "") != (y.crew ?? "") { return (x.crew ?? "") < (y.crew ?? "") }
        let (nameX, nameY) = (a.customer?.displayName ?? "", b.customer?.displayName ?? "")
        if nameX != nameY { return nameX.localizedStandardCompare(nameY) == .orderedAscending }
        return x.id < y.id
    }

    // MARK: Scheduling

    /// A new one-off visit for the plan's job, `scheduled`.
    ///
    /// - Throws: `UseCaseError.notFound` for a job not in the account; `.invalid` (fields by ``Field``) for a job
    ///   without a customer, a date out of range, or a crew or note too long.
    public func schedule(_ plan: Plan, in account: Account, by actor: StaffActor?) async throws -> Visit {
        let now = services.clock.now
        try Self.check(plan, today: account.today(at: now))
        let id: Visit.ID = plan.id(in: account.id)
        return try await Self.once(plan) { try await services.storage.transaction { store in
            if plan.key != nil, let earlier = try await store.records(Visit.self).find(id, in: account.id) { return earlier }
            let job = try await Self.job(plan.jobID, in: account.id, store: store)
            let visit = Visit(
                id: id, accountID: account.id, jobID: job.id, customerID: try Self.customer(of: job, plan: plan), date: plan.date,
                window: plan.window, crew: try Self.crew(plan.crew), clientNote: try Self.note(plan.clientNote), createdAt: now)
            try await store.records(Visit.self).insert(visit)
            try await store.recordChange(.visitScheduled, about: .visit(visit.id), in: account.id, by: actor, detail: visit.date.description, at: now)
            return visit
        } }
    }

    /// A new series for the plan's job, from the plan's date at `cadence` until `end`, with all its visits
    /// (``VisitSeries/allDates``), each `scheduled`.
    ///
    /// - Throws: as ``schedule(_:in:by:)``, and `.invalid` naming `count` (1 to ``VisitSeries/maximumVisits``) or
    ///   `until` (not before the first date, within ten years).
    public func scheduleSeries(
        _ plan: Plan, cadence: VisitSeries.Cadence, end: VisitSeries.End, in account: Account, by actor: StaffActor?
    ) async throws -> (series: VisitSeries, visits: [Visit]) {
        let now = services.clock.now
        let today = account.today(at: now)
        try Self.check(plan, today: today)
        let latest = Visit.plannable(today: today).upperBound
        switch end {
        case .count(let count) where !(1...VisitSeries.maximumVisits).contains(count):
            throw UseCaseError.invalid("Enter 1 to \(VisitSeries.maximumVisits) visits.", field: Field.count.rawValue)
        case .until(let until) where until < plan.date || until > latest:
            throw UseCaseError.invalid("Choose a last date from the first visit's to \(latest) (ten years ahead).", field: Field.until.rawValue)
        default: break
        }
        let (crew, note) = (try Self.crew(plan.crew), try Self.note(plan.clientNote))
        let id: VisitSeries.ID = plan.id(in: account.id)
        return try await Self.once(plan) { try await services.storage.transaction { store in
            if plan.key != nil, let earlier = try await store.records(VisitSeries.self).find(id, in: account.id) {
                return (earlier, try await store.records(Visit.self).all(of: earlier.id, in: account.id))
            }
            let job = try await Self.job(plan.jobID, in: account.id, store: store)
            let series = VisitSeries(
                id: id, accountID: account.id, jobID: job.id, customerID: try Self.customer(of: job, plan: plan), cadence: cadence,
                start: plan.date, end: end, window: plan.window, crew: crew, createdAt: now)
            if let last = series.allDates.last, last > latest {
                throw UseCaseError.invalid(
                    "This series would run to \(last); end it by \(latest) (ten years ahead).", field: Field.count.rawValue)
            }
            let visits = series.allDates.map {
                Visit(
                    accountID: account.id, jobID: job.id, customerID: series.customerID, seriesID: series.id, date: $0,
                    window: plan.window, crew: crew, clientNote: note, createdAt: now)
            }
            try await store.records(VisitSeries.self).insert(series)
            for visit in visits { try await store.records(Visit.self).insert(visit) }
            try await store.recordChange(
                .visitSeriesScheduled, about: .visitSeries(series.id), in: account.id, by: actor,
                detail: "\(cadence.rawValue) from \(plan.date): \(visits.count) visits", at: now)
            return (series, visits)
        } }
    }

    /// Runs `schedule`; when a request with the same key saved the same id at the same instant (two clicks, two
    /// instances), runs it again, which finds what that request made.
    private static func once<Result>(_ plan: Plan, _ schedule: () async throws -> Result) async throws -> Result {
        do {
            return try await schedule()
        } catch StorageError.duplicate where plan.key != nil {
            return try await schedule()
        }
    }

    // MARK: Changing

    /// Visit `id` with `change` applied (``Visit/applying(_:today:)``); a new date or window sends
    /// `visit.rescheduled` and, with `tellClient`, emails the client the new time.
    ///
    /// - Throws: `UseCaseError.notFound`, `.conflict` for a completed or cancelled visit, `.invalid` by field.
    public func change(_ id: Visit.ID, _ change: Visit.Change, tellClient: Bool, in account: Account, by actor: StaffActor?) async throws -> Visit {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            let before = try await Self.visit(id, in: account.id, store: store)
            let after = try before.applying(change, today: account.today(at: now))
            try await store.records(Visit.self).update(after)
            let moved = after.sequence != before.sequence
            try await store.recordChange(
                .visitChanged, about: .visit(id), in: account.id, by: actor,
                detail: moved ? "\(before.date) to \(after.date)" : nil, at: now)
            if moved {
                try await WebhookEvents.enqueue(.visitRescheduled, data: after, about: .visit(id), account: account, store: store, at: now)
                // Answered with the same day and window, the client hears that it stays as planned.
                let kept = after.date == before.date && after.window == before.window
                if tellClient {
                    try await self.tellClient(
                        kept ? .kept : .moved(date: before.date, window: before.window), visit: after, account: account, store: store, at: now)
                }
            }
            return after
        }
    }

    /// Marks visit `id` completed, on its day or after; sends `visit.completed`.
    ///
    /// - Throws: `UseCaseError.notFound`; `.conflict` for a visit dated after today, or one completed, cancelled or
    ///   skipped.
    public func complete(_ id: Visit.ID, in account: Account, by actor: StaffActor?) async throws -> Visit {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            var visit = try await Self.visit(id, in: account.id, store: store)
            guard visit.status.isPlanned else { throw UseCaseError.conflict("Only a visit still to happen can be marked completed; this one is \(visit.status.rawValue).") }
            guard visit.date <= account.today(at: now) else { throw UseCaseError.conflict("A visit can be marked completed on its day or after.") }
            visit.completedAt = now
            try await Self.end(&visit, as: .completed, .visitCompleted, event: .visitCompleted, account: account, by: actor, store: store, at: now)
            return visit
        }
    }

    /// Cancels visit `id` (the portal no longer shows it, the calendar feed sends it cancelled); sends
    /// `visit.cancelled` and, with `tellClient` and a visit still to happen, emails the client.
    ///
    /// - Throws: `UseCaseError.notFound`; `.conflict` for a visit completed or already cancelled.
    public func cancel(_ id: Visit.ID, tellClient: Bool, in account: Account, by actor: StaffActor?) async throws -> Visit {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            var visit = try await Self.visit(id, in: account.id, store: store)
            guard !visit.isFinal else { throw UseCaseError.conflict("This visit is already \(visit.status.rawValue).") }
            let wasPlanned = visit.status.isPlanned
            try await Self.end(&visit, as: .cancelled, .visitCancelled, event: .visitCancelled, account: account, by: actor, store: store, at: now)
            if tellClient && wasPlanned && visit.end(in: account.timeZone) > now {
                try await self.tellClient(.cancelled, visit: visit, account: account, store: store, at: now)
            }
            return visit
        }
    }

    // MARK: Helpers

    /// Gives `visit` its final `status` (no request or pause left, the sequence up) and saves it with its audit
    /// event and webhook.
    private static func end(
        _ visit: inout Visit, as status: Visit.Status, _ action: AuditEvent.Action, event: WebhookEvents.Kind, account: Account,
        by actor: StaffActor?, store: any Repositories, at now: Date
    ) async throws {
        visit.status = status
        visit.rescheduleRequest = nil
        visit.statusBeforePause = nil
        visit.sequence += 1
        try await store.records(Visit.self).update(visit)
        try await store.recordChange(action, about: .visit(visit.id), in: account.id, by: actor, at: now)
        try await WebhookEvents.enqueue(event, data: visit, about: .visit(visit.id), account: account, store: store, at: now)
    }

    private static func check(_ plan: Plan, today: CalendarDate) throws {
        if let problem = Visit.dateProblem(plan.date, today: today) { throw UseCaseError.invalid(problem, field: Field.date.rawValue) }
    }

    private static func crew(_ text: String?) throws -> String? {
        try Visit.optionalText(text, limit: Visit.crewLimit, field: Field.crew.rawValue, what: "crew's name", singleLine: true)
    }

    private static func note(_ text: String?) throws -> String? {
        try Visit.optionalText(text, limit: Visit.noteLimit, field: Field.clientNote.rawValue, what: "note")
    }

    private static func job(_ id: Job.ID, in account: Account.ID, store: any Repositories) async throws -> Job {
        guard let job = try await store.jobs.find(id, in: account) else { throw UseCaseError.notFound("No such job.") }
        return job
    }

    /// The customer a visit of `job` is for; `.invalid` naming `jobId` for a job with no customer, another customer's
    /// than the plan's, or one lost or closed (a visit needs work to do).
    private static func customer(of job: Job, plan: Plan) throws -> Customer.ID {
        guard let customer = job.customerID else {
            throw UseCaseError.invalid("The job has no customer yet: attach its lead to a customer first.", field: Field.jobId.rawValue)
        }
        if let expected = plan.customerID, expected != customer {
            throw UseCaseError.invalid("That job is not this customer's: choose one of theirs.", field: Field.jobId.rawValue)
        }
        if job.stage == .lost || job.stage == .closed {
            throw UseCaseError.invalid("The job \"\(job.title)\" is \(job.stage.rawValue): a visit needs work to do.", field: Field.jobId.rawValue)
        }
        return customer
    }

    private static func visit(_ id: Visit.ID, in account: Account.ID, store: any Repositories) async throws -> Visit {
        guard let visit = try await store.records(Visit.self).find(id, in: account) else { throw UseCaseError.notFound("No such visit.") }
        return visit
    }

    /// The client's email about `change`, to the customer's addresses (none when they have none).
    private func tellClient(_ change: VisitChangeNotice, visit: Visit, account: Account, store: any Repositories, at now: Date) async throws {
        guard let customer = try await store.customers.find(visit.customerID, in: account.id), !customer.emails.isEmpty else { return }
        let job = try await store.jobs.find(visit.jobID, in: account.id)
        let message = try emails.compose(
            .visitChanged(
                account: account, customer: customer, visit: visit, change: change, jobTitle: job?.title ?? "Your visit",
                visitURL: PortalLinks(publicBaseURL: services.publicBaseURL).visit(account, visit.id)),
            to: customer.mailboxes)
        try await store.outbox.enqueue(OutboxMessage(accountID: account.id, email: message, about: .visit(visit.id), nextAttemptAt: now, createdAt: now))
    }
}
