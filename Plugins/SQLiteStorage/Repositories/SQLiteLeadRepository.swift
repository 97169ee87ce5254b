import GRDB
import PortalKernel

struct SQLiteLeadRepository: LeadRepository {
    let access: SQLiteAccess

    func insert(_ lead: Lead) async throws { try await access.insert(lead) }

    func update(_ lead: Lead) async throws { try await access.update(lead) }

    func find(_ id: Lead.ID, in account: Account.ID) async throws -> Lead? {
        try await access.find(Lead.self, id: id.rawValue, in: account)
    }

    func all(in account: Account.ID) async throws -> [Lead] {
        try await access.fetchAll({ $0.order(Column("submittedAt").desc, Column("id")) }, in: account)
    }
}
