import GRDB
import PortalKernel

struct SQLiteAccountRepository: AccountRepository {
    let access: SQLiteAccess

    func insert(_ account: Account) async throws {
        try await access.write { db in try account.insert(db) }
    }

    func update(_ account: Account) async throws {
        try await access.write { db in try account.update(db) }
    }

    func find(_ id: Account.ID) async throws -> Account? {
        try await access.read { db in try Account.filter(Column("id") == id.rawValue).fetchOne(db) }
    }

    func find(portalKey: String) async throws -> Account? {
        try await access.read { db in try Account.filter(Column("portalKey") == portalKey).fetchOne(db) }
    }

    func all() async throws -> [Account] {
        try await access.read { db in try Account.order(Column("createdAt"), Column("id")).fetchAll(db) }
    }
}
