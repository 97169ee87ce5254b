import PortalKernel

struct SQLAuditRepository: AuditRepository, SQLRecordRepository {
    typealias Record = AuditEvent
    let access: SQLAccess

    func record(_ event: AuditEvent) async throws { try await access.insert(event) }

    func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent] {
        try await access.all(
            AuditEvent.self, where: "account_id = \(bind: account.rawValue) AND about_key = \(bind: subject.storageKey)",
            orderBy: "occurred_at, id")
    }

    func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent] {
        try await access.all(
            AuditEvent.self, where: "account_id = \(bind: account.rawValue)", orderBy: "occurred_at DESC, id", limit: limit)
    }
}
