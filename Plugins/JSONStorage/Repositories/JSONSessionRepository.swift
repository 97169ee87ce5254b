import Foundation
import PortalKernel

struct JSONSessionRepository: SessionRepository {
    let access: JSONAccess

    func save(_ session: Session) async throws {
        try await access.write { state in
            try state.requireAccount(session.accountID)
            state.write(session, id: session.id.rawValue, into: \.sessions, table: "session")
        }
    }

    func find(_ id: Session.ID) async throws -> Session? {
        try access.read { $0.sessions[id.rawValue] }
    }

    func delete(_ id: Session.ID) async throws {
        try await access.write { state in state.remove(id: id.rawValue, from: \.sessions, table: "session") }
    }

    func deleteExpired(before instant: Date) async throws -> Int {
        try await access.write { state in
            let expired = state.sessions.values.filter { $0.absoluteExpiry < instant }.map(\.id.rawValue)
            for id in expired { state.remove(id: id, from: \.sessions, table: "session") }
            return expired.count
        }
    }
}
