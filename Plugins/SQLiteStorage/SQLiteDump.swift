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
                outbox: try OutboxMessage.order(Column("id")).fetchAll(db),
                auditEvents: try AuditEvent.order(Column("id")).fetchAll(db),
                proposalLinks: try ProposalLink.order(Column("id")).fetchAll(db),
                apiTokens: try APIToken.order(Column("id")).fetchAll(db))
        }
    }
}
