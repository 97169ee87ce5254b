import Foundation
import GRDB
import PortalKernel

struct SQLiteLoginTokenRepository: LoginTokenRepository {
    let access: SQLiteAccess

    func insert(_ token: LoginToken) async throws { try await access.insert(token) }

    func find(hash: String, in account: Account.ID) async throws -> LoginToken? {
        try await access.fetchOne({ $0.filter(Column("tokenHash") == hash) }, in: account)
    }

    func consume(hash: String, in account: Account.ID, at instant: Date) async throws -> LoginToken? {
        try await access.write { db in
            // One conditional UPDATE: of two concurrent uses, only one changes a row.
            try db.execute(
                sql: """
                    UPDATE loginToken SET usedAt = ?
                    WHERE accountID = ? AND tokenHash = ? AND usedAt IS NULL AND expiresAt > ?
                    """,
                arguments: [instant, account.rawValue, hash, instant])
            guard db.changesCount == 1 else { return nil }
            return try LoginToken.scoped(to: account).filter(Column("tokenHash") == hash).fetchOne(db)
        }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { db in
            try LoginToken.filter(Column("expiresAt") < instant).deleteAll(db)
        }
    }
}
