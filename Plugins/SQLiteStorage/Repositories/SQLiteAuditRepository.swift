import GRDB
import PortalKernel

struct SQLiteAuditRepository: AuditRepository {
    let access: SQLiteAccess

    func record(_ event: AuditEvent) async throws { try await access.insert(event) }

    func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent] {
        let key = "\(subject.kind.rawValue):\(subject.id)"
        return try await access.fetchAll(
            { $0.filter(Column("aboutKey") == key).order(Column("occurredAt"), Column("id")) }, in: account)
    }

    func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent] {
        try await access.fetchAll({ $0.order(Column("occurredAt").desc, Column("id")).limit(limit) }, in: account)
    }
}
