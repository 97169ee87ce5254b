import PortalKernel

struct SQLAccountRepository: AccountRepository, SQLRecordRepository {
    typealias Record = Account
    let access: SQLAccess

    func find(_ id: Account.ID) async throws -> Account? {
        try await access.first(Account.self, where: "id = \(bind: id.rawValue)", lock: .forShare)
    }

    func find(portalKey: String) async throws -> Account? {
        try await access.first(Account.self, where: "portal_key = \(bind: portalKey)", lock: .forShare)
    }

    func all() async throws -> [Account] {
        try await access.all(Account.self, where: "true", orderBy: "created_at, id")
    }
}
