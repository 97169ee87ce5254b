import PortalKernel

struct SQLAuditRepository: AuditRepository, SQLRecordRepository {
    typealias Record = AuditEvent
    let access: SQLAccess
}
