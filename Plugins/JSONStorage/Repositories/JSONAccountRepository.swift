import PortalKernel

struct JSONAccountRepository: AccountRepository, JSONRecordRepository {
    typealias Record = Account
    let access: JSONAccess

    func find(_ id: Account.ID) async throws -> Account? {
        try access.read { $0[Account.self][id.rawValue] }
    }

    func find(portalKey: String) async throws -> Account? {
        try access.read { $0.unique(Account.self, ["portal_key"], [portalKey]) }
    }

    func all() async throws -> [Account] {
        try access.read { state in state[Account.self].values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }
}
