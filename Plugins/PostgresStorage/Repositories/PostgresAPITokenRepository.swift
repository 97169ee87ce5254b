import PortalKernel

struct PostgresAPITokenRepository: APITokenRepository {
    let access: PostgresAccess

    func insert(_ token: APIToken) async throws { try await access.insert(token) }

    func update(_ token: APIToken) async throws { try await access.update(token) }

    func find(hash: String) async throws -> APIToken? {
        try await access.first(APIToken.self, where: "token_hash = $1", [hash])
    }

    func find(_ id: APIToken.ID, in account: Account.ID) async throws -> APIToken? {
        try await access.find(APIToken.self, id: id.rawValue, in: account)
    }

    func all(in account: Account.ID) async throws -> [APIToken] {
        try await access.all(APIToken.self, where: "account_id = $1", [account.rawValue], orderBy: "created_at DESC, id")
    }
}
