import Foundation
import PortalKernel
import PostgresNIO

struct PostgresOutboxRepository: OutboxRepository {
    let access: PostgresAccess

    func enqueue(_ message: OutboxMessage) async throws { try await access.insert(message) }

    func update(_ message: OutboxMessage) async throws { try await access.update(message) }

    func find(_ id: OutboxMessage.ID, in account: Account.ID) async throws -> OutboxMessage? {
        try await access.find(OutboxMessage.self, id: id.rawValue, in: account)
    }

    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        // In a transaction, the messages are locked, and those another worker holds are skipped, not waited for.
        let claim = access.isInTransaction ? " FOR NO KEY UPDATE SKIP LOCKED" : ""
        return try await access.records(
            """
            SELECT record::text FROM outbox_message
            WHERE status IN ('queued', 'retrying') AND next_attempt_at <= \(instant.storedPrecision)
            ORDER BY next_attempt_at, created_at, id LIMIT \(limit)\(unescaped: claim)
            """)
    }

    func depth() async throws -> Int {
        let rows = try await access.run("SELECT count(*) FROM outbox_message WHERE status IN ('queued', 'retrying')")
        return try rows.first?.decode(Int.self) ?? 0
    }

    func all(about subject: OutboxMessage.Subject, in account: Account.ID) async throws -> [OutboxMessage] {
        try await access.all(
            OutboxMessage.self, where: "account_id = $1 AND about_key = $2", [account.rawValue, subject.storageKey],
            orderBy: "created_at DESC, id")
    }

    func failures(in account: Account.ID) async throws -> [OutboxMessage] {
        try await access.all(
            OutboxMessage.self, where: "account_id = $1 AND status = $2", [account.rawValue, OutboxMessage.Status.failed.rawValue],
            orderBy: "created_at DESC, id")
    }
}
