import Foundation

// The list queries of the repository protocols, written once over ``RecordQuery`` for every store whose repository
// is a ``CatalogueRepository``: each store answers them alike, by the catalogue's columns (text in byte order).
// A store may still answer one its own way (the JSON store keeps indexes for the portal candidates).

extension StaffUserRepository where Self: CatalogueRepository, Record == StaffUser {
    public func all(in account: Account.ID) async throws -> [StaffUser] {
        try await records.all(in: account, orderedBy: [.ascending("name")])
    }
}

extension CustomerRepository where Self: CatalogueRepository, Record == Customer {
    public func all(in account: Account.ID) async throws -> [Customer] {
        try await records.all(in: account, orderedBy: [.ascending("display_name")])
    }
}

extension JobRepository where Self: CatalogueRepository, Record == Job {
    public func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job] {
        try await records.all(in: account, where: [.equal("customer_id", .text(customer.rawValue))], orderedBy: [.descending("created_at")])
    }
}

extension ProposalRepository where Self: CatalogueRepository, Record == Proposal {
    public func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        try await recordStore.all(.portalCandidates(for: customer, in: account))
    }

    public func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal] {
        try await records.all(in: account, where: [.equal("job_id", .text(job.rawValue))], orderedBy: [.descending("version")])
    }
}

extension InvoiceRepository where Self: CatalogueRepository, Record == Invoice {
    public func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice] {
        try await recordStore.all(.portalCandidates(for: customer, in: account))
    }
}

extension RecordQuery where Record == Proposal {
    /// The customer's proposals that could be in the portal: every status but `draft`, by id.
    public static func portalCandidates(for customer: Customer.ID, in account: Account.ID) throws -> Self {
        try Self(in: account, where: [.equal("customer_id", .text(customer.rawValue)), .notEqual("status", .text(Proposal.Status.draft.rawValue))])
    }
}

extension RecordQuery where Record == Invoice {
    /// The customer's invoices that could be in the portal: every one not voided, by id.
    public static func portalCandidates(for customer: Customer.ID, in account: Account.ID) throws -> Self {
        try Self(in: account, where: [.equal("customer_id", .text(customer.rawValue)), .equal("voided", .bool(false))])
    }
}

extension PaymentRepository where Self: CatalogueRepository, Record == Payment {
    public func all(for invoice: Invoice.ID, in account: Account.ID) async throws -> [Payment] {
        try await records.all(in: account, where: [.equal("invoice_id", .text(invoice.rawValue))], orderedBy: [.ascending("received_at")])
    }
}

extension LeadRepository where Self: CatalogueRepository, Record == Lead {
    public func all(in account: Account.ID) async throws -> [Lead] {
        try await records.all(in: account, orderedBy: [.descending("submitted_at")])
    }
}

extension OutboxRepository where Self: CatalogueRepository, Record == OutboxMessage {
    public func enqueue(_ message: OutboxMessage) async throws { try await insert(message) }

    public func all(about subject: OutboxMessage.Subject, in account: Account.ID) async throws -> [OutboxMessage] {
        try await records.all(in: account, where: [.equal("about_key", .text(subject.storageKey))], orderedBy: [.descending("created_at")])
    }

    public func failures(in account: Account.ID) async throws -> [OutboxMessage] {
        try await records.all(
            in: account, where: [.equal("status", .text(OutboxMessage.Status.failed.rawValue))], orderedBy: [.descending("created_at")])
    }
}

extension AuditRepository where Self: CatalogueRepository, Record == AuditEvent {
    public func record(_ event: AuditEvent) async throws { try await insert(event) }

    public func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent] {
        try await records.all(in: account, where: [.equal("about_key", .text(subject.storageKey))], orderedBy: [.ascending("occurred_at")])
    }

    public func all(about subject: RecordReference, since instant: Date, in account: Account.ID) async throws -> [AuditEvent] {
        try await records.all(
            in: account, where: [.equal("about_key", .text(subject.storageKey)), .atLeast("occurred_at", .instant(instant))],
            orderedBy: [.descending("occurred_at")])
    }

    public func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent] {
        try await records.all(in: account, orderedBy: [.descending("occurred_at")], limit: limit)
    }
}

extension APITokenRepository where Self: CatalogueRepository, Record == APIToken {
    public func all(in account: Account.ID) async throws -> [APIToken] {
        try await records.all(in: account, orderedBy: [.descending("created_at")])
    }
}

extension ProposalRepository {
    /// The newest sent version of `proposal`'s job's proposal, when one is newer than `proposal`.
    func newerVersion(of proposal: Proposal, in account: Account.ID) async throws -> Proposal? {
        try await all(for: proposal.jobID, in: account).filter { $0.version > proposal.version && $0.status != .draft }.max { $0.version < $1.version }
    }
}
