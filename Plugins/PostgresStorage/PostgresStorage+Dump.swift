import PortalKernel

extension PostgresStorage {
    /// Every record, each table in id order, read in one transaction so the dump is one moment's data.
    public func exportDump() async throws -> StorageDump {
        try await transactions.run { access in
            func table<Record: PostgresRecord>(_: Record.Type) async throws -> [Record] {
                try await access.all(Record.self, where: "true", [], orderBy: "id")
            }
            return StorageDump(
                accounts: try await table(Account.self), staffUsers: try await table(StaffUser.self),
                customers: try await table(Customer.self), jobs: try await table(Job.self), proposals: try await table(Proposal.self),
                invoices: try await table(Invoice.self), payments: try await table(Payment.self), leads: try await table(Lead.self),
                loginTokens: try await table(LoginToken.self), sessions: try await table(Session.self),
                outbox: try await table(OutboxMessage.self), auditEvents: try await table(AuditEvent.self),
                proposalLinks: try await table(ProposalLink.self), apiTokens: try await table(APIToken.self))
        }
    }
}
