import Foundation
import PortalKernel

struct SQLSessionRepository: SessionRepository, SQLRecordRepository {
    typealias Record = Session
    let access: SQLAccess

    func save(_ session: Session) async throws { try await access.upsert(session) }

    func find(_ id: Session.ID) async throws -> Session? {
        try await access.first(Session.self, where: "id = \(bind: id.rawValue)")
    }

    func delete(_ id: Session.ID) async throws {
        try await access.run("DELETE FROM session WHERE id = \(bind: id.rawValue)")
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.count("DELETE FROM session WHERE absolute_expiry < \(bind: instant.storedPrecision) RETURNING 1")
    }
}
