import PortalKernel

struct SQLAPITokenRepository: APITokenRepository, SQLRecordRepository {
    typealias Record = APIToken
    let access: SQLAccess

    func find(hash: String) async throws -> APIToken? {
        try await access.first(APIToken.self, where: "token_hash = \(bind: hash)")
    }

    func all(in account: Account.ID) async throws -> [APIToken] {
        try await access.all(APIToken.self, where: "account_id = \(bind: account.rawValue)", orderBy: "created_at DESC, id")
    }
}
