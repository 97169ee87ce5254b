import GRDB
import PortalKernel

struct SQLiteAPITokenRepository: APITokenRepository {
    let access: SQLiteAccess

    func insert(_ token: APIToken) async throws { try await access.insert(token) }

    func update(_ token: APIToken) async throws { try await access.update(token) }

    func find(hash: String) async throws -> APIToken? {
        try await access.read { db in try APIToken.filter(Column("tokenHash") == hash).fetchOne(db) }
    }

    func find(_ id: APIToken.ID, in account: Account.ID) async throws -> APIToken? {
        try await access.find(APIToken.self, id: id.rawValue, in: account)
    }

    func all(in account: Account.ID) async throws -> [APIToken] {
        try await access.fetchAll({ $0.order(Column("createdAt").desc, Column("id")) }, in: account)
    }
}
