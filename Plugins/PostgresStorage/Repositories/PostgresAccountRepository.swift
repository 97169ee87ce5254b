import PortalKernel

struct PostgresAccountRepository: AccountRepository {
    let access: PostgresAccess

    func insert(_ account: Account) async throws { try await access.insert(account) }

    func update(_ account: Account) async throws { try await access.update(account) }

    func find(_ id: Account.ID) async throws -> Account? {
        try await access.first(Account.self, where: "id = $1", [id.rawValue], lock: .forShare)
    }

    func find(portalKey: String) async throws -> Account? {
        try await access.first(Account.self, where: "portal_key = $1", [portalKey], lock: .forShare)
    }

    func all() async throws -> [Account] {
        try await access.all(Account.self, where: "true", [], orderBy: "created_at, id")
    }
}
