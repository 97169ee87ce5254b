import PortalKernel

struct SQLLeadRepository: LeadRepository, SQLRecordRepository {
    typealias Record = Lead
    let access: SQLAccess

    func all(in account: Account.ID) async throws -> [Lead] {
        try await access.all(Lead.self, where: "account_id = \(bind: account.rawValue)", orderBy: "submitted_at DESC, id")
    }
}
