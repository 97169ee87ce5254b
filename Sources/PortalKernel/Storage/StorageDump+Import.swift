extension Repositories {
    /// Inserts every record of `dump`, parents before children, so references hold at every step.
    public func insertAll(of dump: StorageDump) async throws {
        for account in dump.accounts { try await accounts.insert(account) }
        for user in dump.staffUsers { try await staffUsers.insert(user) }
        for customer in dump.customers { try await customers.insert(customer) }
        for job in dump.jobs { try await jobs.insert(job) }
        for proposal in dump.proposals { try await proposals.insert(proposal) }
        for invoice in dump.invoices { try await invoices.insert(invoice) }
        for payment in dump.payments { try await payments.insert(payment) }
        for lead in dump.leads { try await leads.insert(lead) }
        for token in dump.loginTokens { try await loginTokens.insert(token) }
        for session in dump.sessions { try await sessions.save(session) }
        for message in dump.outbox { try await outbox.enqueue(message) }
        for event in dump.auditEvents { try await auditEvents.record(event) }
        for link in dump.proposalLinks { try await proposalLinks.insert(link) }
        for token in dump.apiTokens { try await apiTokens.insert(token) }
    }
}

extension PortalStorage {
    /// Imports through the repositories in one transaction; a backend with a faster bulk path overrides it.
    public func importDump(_ dump: StorageDump) async throws {
        try await transaction { store in try await store.insertAll(of: dump) }
    }
}
