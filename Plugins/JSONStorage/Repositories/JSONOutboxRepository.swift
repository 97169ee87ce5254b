import Foundation
import PortalKernel

struct JSONOutboxRepository: OutboxRepository {
    let access: JSONAccess

    func enqueue(_ message: OutboxMessage) async throws {
        try await access.write { state in
            try state.requireAccount(message.accountID)
            try state.insert(message, id: message.id.rawValue, into: \.outbox, table: "outboxMessage")
        }
    }

    func update(_ message: OutboxMessage) async throws {
        try await access.write { state in
            try state.update(message, id: message.id.rawValue, in: message.accountID, into: \.outbox, table: "outboxMessage") { $0.accountID }
        }
    }

    func find(_ id: OutboxMessage.ID, in account: Account.ID) async throws -> OutboxMessage? {
        try access.read { $0.row(\.outbox, id.rawValue, in: account) }
    }

    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage] {
        try access.read { state in
            Array(
                state.outbox.values
                    .filter { $0.isPending && $0.nextAttemptAt <= instant }
                    .sorted { ($0.nextAttemptAt, $0.createdAt, $0.id) < ($1.nextAttemptAt, $1.createdAt, $1.id) }
                    .prefix(limit))
        }
    }

    func depth() async throws -> Int {
        try access.read { state in state.outbox.values.count { $0.isPending } }
    }

    func all(about subject: OutboxMessage.Subject, in account: Account.ID) async throws -> [OutboxMessage] {
        try access.read { state in
            state.outbox.values.filter { $0.accountID == account && $0.about == subject }
                .sorted { ($1.createdAt, $0.id) < ($0.createdAt, $1.id) }
        }
    }

    func failures(in account: Account.ID) async throws -> [OutboxMessage] {
        try access.read { state in
            state.outbox.values.filter { $0.accountID == account && $0.status == .failed }
                .sorted { ($1.createdAt, $0.id) < ($0.createdAt, $1.id) }
        }
    }
}
