import PortalKernel

struct PostgresLeadRepository: LeadRepository {
    let access: PostgresAccess

    func insert(_ lead: Lead) async throws { try await access.insert(lead) }

    func update(_ lead: Lead) async throws { try await access.update(lead) }

    func find(_ id: Lead.ID, in account: Account.ID) async throws -> Lead? {
        try await access.find(Lead.self, id: id.rawValue, in: account)
    }

    func all(in account: Account.ID) async throws -> [Lead] {
        try await access.all(Lead.self, where: "account_id = $1", [account.rawValue], orderBy: "submitted_at DESC, id")
    }
}
