import Foundation
import GRDB
import PortalKernel

struct SQLiteSessionRepository: SessionRepository {
    let access: SQLiteAccess

    func save(_ session: Session) async throws {
        try await access.write { db in try session.save(db) }
    }

    func find(_ id: Session.ID) async throws -> Session? {
        try await access.read { db in try Session.filter(Column("id") == id.rawValue).fetchOne(db) }
    }

    func delete(_ id: Session.ID) async throws {
        try await access.write { db in _ = try Session.deleteOne(db, key: id.rawValue) }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { db in
            try Session.filter(Column("absoluteExpiry") < instant).deleteAll(db)
        }
    }
}
