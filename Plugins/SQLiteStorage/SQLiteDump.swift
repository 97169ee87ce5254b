import GRDB
import PortalKernel

extension SQLiteStorage {
    public func exportDump() async throws -> StorageDump {
        try await reader.read { db in
            StorageDump(
                accounts: try Account.order(Column("id")).fetchAll(db),
                staffUsers: try StaffUser.order(Column("id")).fetchAll(db),
                customers: try Customer.order(Column("id")).fetchAll(db),
                jobs: try Job.order(Column("id")).fetchAll(db),
                proposals: try Proposal.order(Column("id")).fetchAll(db),
                invoices: try Invoice.order(Column("id")).fetchAll(db),
                payments: try Payment.order(Column("id")).fetchAll(db),
                leads: try Lead.order(Column("id")).fetchAll(db),
                loginTokens: try LoginToken.order(Column("id")).fetchAll(db),
                sessions: try Session.order(Column("id")).fetchAll(db),
                outbox: try OutboxMessage.order(Column("id")).fetchAll(db))
        }
    }

    public func importDump(_ dump: StorageDump) async throws {
        // Parents before children, so foreign keys hold at every step; one transaction, so all or nothing.
        try await transaction { store in
            for account in dump.accounts { try await store.accounts.insert(account) }
            for user in dump.staffUsers { try await store.staffUsers.insert(user) }
            for customer in dump.customers { try await store.customers.insert(customer) }
            for job in dump.jobs { try await store.jobs.insert(job) }
            for proposal in dump.proposals { try await store.proposals.insert(proposal) }
            for invoice in dump.invoices { try await store.invoices.insert(invoice) }
            for payment in dump.payments { try await store.payments.insert(payment) }
            for lead in dump.leads { try await store.leads.insert(lead) }
            for token in dump.loginTokens { try await store.loginTokens.insert(token) }
            for session in dump.sessions { try await store.sessions.save(session) }
            for message in dump.outbox { try await store.outbox.enqueue(message) }
        }
    }
}
