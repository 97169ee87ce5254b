import Foundation
import PortalKernel

struct JSONOutboxRepository: OutboxRepository, JSONRecordRepository {
    typealias Record = OutboxMessage
    let access: JSONAccess

    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        try access.read { state in
            Array(
                state[OutboxMessage.self].values
                    .filter { $0.isPending && $0.nextAttemptAt <= instant }
                    .sorted { ($0.nextAttemptAt, $0.createdAt, $0.id) < ($1.nextAttemptAt, $1.createdAt, $1.id) }
                    .prefix(limit))
        }
    }

    func depth() async throws -> Int {
        try access.read { state in state[OutboxMessage.self].values.count { $0.isPending } }
    }
}
