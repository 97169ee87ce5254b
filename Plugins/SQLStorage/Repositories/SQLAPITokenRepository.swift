import PortalKernel

struct SQLAPITokenRepository: APITokenRepository, SQLRecordRepository {
    typealias Record = APIToken
    let access: SQLAccess

    func find(hash: String) async throws -> APIToken? {
        try await access.first(APIToken.self, where: "token_hash = \(bind: hash)")
    }
}
