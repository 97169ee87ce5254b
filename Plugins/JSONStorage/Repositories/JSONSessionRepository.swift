import Foundation
import PortalKernel

struct JSONSessionRepository: SessionRepository {
    let access: JSONAccess

    func save(_ session: Session) async throws {
        try await access.write { state in try state.save(session) }
    }

    func find(_ id: Session.ID) async throws -> Session? {
        try access.read { $0[Session.self][id.rawValue] }
    }

    func delete(_ id: Session.ID) async throws {
        try await access.write { state in state.remove(Session.self, id: id.rawValue) }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { state in
            let expired = state[Session.self].values.filter { $0.absoluteExpiry < instant }.map(\.id.rawValue)
            for id in expired { state.remove(Session.self, id: id) }
            return expired.count
        }
    }
}
