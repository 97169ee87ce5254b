/// Jobs as an integration keeps them through the JSON API (#20): create one, change its stage, title or work date;
/// each write in one transaction with its audit event.
public struct JobTracking: Sendable {
    let services: PortalServices

    /// Reads and writes jobs and their audit events through `services` (storage, clock).
    public init(services: PortalServices) {
        self.services = services
    }

    /// The account's job with `id`; `nil` for an unknown id or another account's.
    public func job(_ id: Job.ID, in account: Account.ID) async throws -> Job? {
        try await services.storage.jobs.find(id, in: account)
    }

    /// A new job for a customer of the account, or for none (a lead's).
    ///
    /// - Throws: `UseCaseError.invalid` for a title the rule refuses (``Job/titleProblem(_:)``), `.notFound` for a
    ///   customer not in the account.
    public func create(
        title: String, for customer: Customer.ID?, stage: Job.CreatedStage, workDate: CalendarDate?, in account: Account.ID,
        by actor: StaffActor?
    ) async throws -> Job {
        if let problem = Job.titleProblem(title) { throw UseCaseError.invalid(problem, field: "title") }
        let job = Job(
            accountID: account, customerID: customer, title: title.trimmed, createdStage: stage, workDate: workDate,
            createdAt: services.clock.now)
        try await services.storage.transaction { store in
            if let customer, try await store.customers.find(customer, in: account) == nil { throw UseCaseError.notFound("No such customer.") }
            try await store.jobs.insert(job)
            try await store.recordChange(.jobCreated, about: .job(job.id), in: account, by: actor, at: job.createdAt)
        }
        return job
    }

    /// The job with `change` applied, as saved.
    ///
    /// - Throws: `UseCaseError.notFound` for a job not in the account, `.invalid` for a title the rule refuses.
    public func change(_ id: Job.ID, _ change: Job.Change, in account: Account.ID, by actor: StaffActor?) async throws -> Job {
        try await services.storage.transaction { store in
            guard let job = try await store.jobs.find(id, in: account) else { throw UseCaseError.notFound("No such job.") }
            let changed = try job.applying(change)
            try await store.jobs.update(changed)
            try await store.recordChange(.jobChanged, about: .job(id), in: account, by: actor, at: services.clock.now)
            return changed
        }
    }
}
