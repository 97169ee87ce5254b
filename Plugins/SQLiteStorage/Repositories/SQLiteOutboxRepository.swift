import Foundation
import GRDB
import PortalKernel

struct SQLiteOutboxRepository: OutboxRepository {
    let access: SQLiteAccess

    func enqueue(_ message: OutboxMessage) async throws { try await access.insert(message) }

    func update(_ message: OutboxMessage) async throws { try await access.update(message) }

    func find(_ id: OutboxMessage.ID, in account: Account.ID) async throws -> OutboxMessage? {
        try await access.find(OutboxMessage.self, id: id.rawValue, in: account)
    }

    private static let pending = [OutboxMessage.Status.queued.rawValue, OutboxMessage.Status.retrying.rawValue]

    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        try await access.read { db in
            try OutboxMessage
                .filter(Self.pending.contains(Column("status")))
                .filter(Column("nextAttemptAt") <= instant)
                .order(Column("nextAttemptAt"), Column("createdAt"), Column("id"))
                .limit(limit)
                .fetchAll(db)
        }
    }

    func depth() async throws -> Int {
        try await access.read { db in try OutboxMessage.filter(Self.pending.contains(Column("status"))).fetchCount(db) }
    }

    func all(about subject: OutboxMessage.Subject, in account: Account.ID) async throws -> [OutboxMessage] {
        let key = "\(subject.kind.rawValue):\(subject.id)"
        return try await access.fetchAll(
            { $0.filter(Column("aboutKey") == key).order(Column("createdAt").desc, Column("id")) }, in: account)
    }

    func failures(in account: Account.ID) async throws -> [OutboxMessage] {
        try await access.fetchAll(
            {
                $0.filter(Column("status") == OutboxMessage.Status.failed.rawValue)
                    .order(Column("createdAt").desc, Column("id"))
            }, in: account)
    }
}
