import Foundation
import PortalKernel

struct PostgresSessionRepository: SessionRepository {
    let access: PostgresAccess

    func save(_ session: Session) async throws { try await access.upsert(session) }

    func find(_ id: Session.ID) async throws -> Session? {
        try await access.first(Session.self, where: "id = $1", [id.rawValue])
    }

    func delete(_ id: Session.ID) async throws {
        try await access.run("DELETE FROM session WHERE id = \(id.rawValue)")
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.count("DELETE FROM session WHERE absolute_expiry < \(instant.storedPrecision) RETURNING 1")
    }
}
