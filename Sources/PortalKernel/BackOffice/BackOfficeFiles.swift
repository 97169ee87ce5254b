/// What the back office shows of a record beside the record itself, read by the use cases (#20): the pages only
/// word it.

/// A record's history: the emails about it, newest first, and its audit trail, oldest first.
public struct RecordHistory: Sendable {
    /// The emails queued about the record, newest first, in any status (a failed one flags the record).
    public let emails: [OutboxMessage]
    /// The record's audit trail, oldest first: a timeline of who changed what.
    public let events: [AuditEvent]

    /// Whether an email about it failed for good: the record is flagged, so nobody believes it arrived.
    public var hasFailedEmail: Bool { emails.contains { $0.status == .failed } }
}

extension Repositories {
    func history(of subject: RecordReference, in account: Account.ID) async throws -> RecordHistory {
        RecordHistory(
            emails: try await outbox.all(about: subject, in: account), events: try await auditEvents.all(about: subject, in: account))
    }
}

extension LeadConversion {
    /// A lead in the back office's list: its job and the name of the staff user it is assigned to.
    public struct Listing: Sendable {
        /// The lead as the visitor sent it.
        public let lead: Lead
        /// The job in stage `lead` the request created; `nil` when it is missing from storage.
        public let job: Job?
        /// The display name of the staff user the lead is assigned to; `nil` for no assignee (or one since deleted).
        public let assigneeName: String?
    }

    /// A lead's page: its job, the job's customer, the assignee, and its history.
    public struct File: Sendable {
        /// The job the request created; `nil` when it is missing from storage.
        public let job: Job?
        /// The customer the job is attached to; `nil` until staff match or create one (SPEC F7).
        public let customer: Customer?
        /// The staff user the lead is assigned to; `nil` for none.
        public let assignee: StaffUser?
        /// The lead's emails and audit trail.
        public let history: RecordHistory
    }

    /// The account's leads, newest first, each with its job and assignee's name.
    public func listings(in account: Account.ID) async throws -> [Listing] {
        let store = services.storage
        let leads = try await store.leads.all(in: account)
        let jobs = Dictionary(try await store.jobs.find(leads.map(\.jobID), in: account).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(try await store.staffUsers.all(in: account).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return leads.map { Listing(lead: $0, job: jobs[$0.jobID], assigneeName: $0.assigneeID.flatMap { names[$0] }) }
    }

    /// The lead's job, on its own (the API's view of a lead).
    public func job(of lead: Lead, in account: Account.ID) async throws -> Job? {
        try await services.storage.jobs.find(lead.jobID, in: account)
    }

    public func file(_ lead: Lead, in account: Account.ID) async throws -> File {
        let store = services.storage
        let job = try await store.jobs.find(lead.jobID, in: account)
        var customer: Customer?
        if let id = job?.customerID { customer = try await store.customers.find(id, in: account) }
        var assignee: StaffUser?
        if let id = lead.assigneeID { assignee = try await store.staffUsers.find(id, in: account) }
        return File(job: job, customer: customer, assignee: assignee, history: try await store.history(of: .lead(lead.id), in: account))
    }
}

extension Quoting {
    /// A proposal's page: its job and customer, its history, and the newer version that replaced it, if any.
    public struct File: Sendable {
        /// The job the proposal quotes for; `nil` when it is missing from storage.
        public let job: Job?
        /// The customer the proposal is for; `nil` when it is missing from storage.
        public let customer: Customer?
        /// The proposal's emails and audit trail.
        public let history: RecordHistory
        /// The newest sent (not draft) version of the job's proposal, when it is newer than this one; `nil` otherwise.
        public let newerVersion: Proposal?
    }

    public func file(_ proposal: Proposal, in account: Account.ID) async throws -> File {
        let store = services.storage
        return File(
            job: try await store.jobs.find(proposal.jobID, in: account), customer: try await store.customers.find(proposal.customerID, in: account),
            history: try await store.history(of: .proposal(proposal.id), in: account),
            newerVersion: try await store.proposals.newerVersion(of: proposal, in: account))
    }
}

extension Billing {
    /// An invoice's page: its customer, its payments (oldest first) and its history.
    public struct File: Sendable {
        /// The customer billed; `nil` when it is missing from storage.
        public let customer: Customer?
        /// The payments recorded against the invoice, oldest first, portal and staff-recorded alike.
        public let payments: [Payment]
        /// The invoice's emails and audit trail.
        public let history: RecordHistory
    }

    public func file(_ invoice: Invoice, in account: Account.ID) async throws -> File {
        let store = services.storage
        return File(
            customer: try await store.customers.find(invoice.customerID, in: account),
            payments: try await store.payments.all(for: invoice.id, in: account), history: try await store.history(of: .invoice(invoice.id), in: account))
    }

    /// The account's emails that failed for good, newest first: the back office's list of failures.
    public func failedEmails(in account: Account.ID) async throws -> [OutboxMessage] {
        try await services.storage.outbox.failures(in: account)
    }
}

extension CustomerManagement {
    /// A customer's page: their jobs (newest first), every version of those jobs' proposals, and their invoices that
    /// could be in the portal.
    public struct File: Sendable {
        /// The customer's jobs, newest first.
        public let jobs: [Job]
        /// Every version of every proposal of those jobs, drafts included, job by job.
        public let proposals: [Proposal]
        /// The customer's invoices that could be in the portal: every one not voided (``InvoiceVisibility`` decides).
        public let invoices: [Invoice]
    }

    public func file(_ customer: Customer, in account: Account.ID) async throws -> File {
        let store = services.storage
        let jobs = try await store.jobs.all(for: customer.id, in: account)
        var proposals: [Proposal] = []
        for job in jobs { proposals += try await store.proposals.all(for: job.id, in: account) }
        return File(jobs: jobs, proposals: proposals, invoices: try await store.invoices.portalCandidates(for: customer.id, in: account))
    }
}
