import PortalKernel

struct PostgresAuditRepository: AuditRepository {
    let access: PostgresAccess

    func record(_ event: AuditEvent) async throws { try await access.insert(event) }

    func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent] {
        try await access.all(
            AuditEvent.self, where: "account_id = $1 AND about_key = $2", [account.rawValue, subject.storageKey], orderBy: "occurred_at, id")
    }

    func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent] {
        try await access.all(AuditEvent.self, where: "account_id = $1", [account.rawValue], orderBy: "occurred_at DESC, id", limit: limit)
    }
}
