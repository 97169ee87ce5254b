import PortalKernel

struct JSONAPITokenRepository: APITokenRepository, JSONRecordRepository {
    typealias Record = APIToken
    let access: JSONAccess

    func find(hash: String) async throws -> APIToken? {
        try access.read { $0.unique(APIToken.self, ["token_hash"], [hash]) }
    }
}
