import Foundation
import PortalKernel

struct SQLOutboxRepository: OutboxRepository, SQLRecordRepository {
    typealias Record = OutboxMessage
    let access: SQLAccess

    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        // In a transaction, the messages are locked, and those another worker holds are skipped, not waited for.
        try await access.records(
            OutboxMessage.self,
            """
            SELECT \(SQLAccess.recordColumn) FROM outbox_message \
            WHERE status IN (\(binds: Self.waiting)) AND next_attempt_at <= \(bind: instant.storedPrecision) \
            ORDER BY next_attempt_at, created_at, id LIMIT \(literal: limit)\(access.clause(.claim))
            """)
    }

    func depth() async throws -> Int {
        try await access.integer("SELECT count(*) AS depth FROM outbox_message WHERE status IN (\(binds: Self.waiting))")
    }

    /// The states of a message still to be sent.
    private static let waiting = [OutboxMessage.Status.queued.rawValue, OutboxMessage.Status.retrying.rawValue]
}
