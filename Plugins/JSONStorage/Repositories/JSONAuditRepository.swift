import PortalKernel

struct JSONAuditRepository: AuditRepository {
    let access: JSONAccess

    func record(_ event: AuditEvent) async throws {
        try await access.write { state in
            try state.requireAccount(event.accountID)
            try state.insert(event, id: event.id.rawValue, into: \.auditEvents, table: "auditEvent")
        }
    }

    func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent] {
        try access.read { state in
            state.auditEvents.values.filter { $0.accountID == account && $0.about == subject }
                .sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
        }
    }

    func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent] {
        try access.read { state in
            Array(
                state.auditEvents.values.filter { $0.accountID == account }
                    .sorted { ($1.occurredAt, $0.id) < ($0.occurredAt, $1.id) }
                    .prefix(limit))
        }
    }
}
