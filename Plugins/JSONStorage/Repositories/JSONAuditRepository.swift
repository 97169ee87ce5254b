import PortalKernel

struct JSONAuditRepository: AuditRepository, JSONRecordRepository {
    typealias Record = AuditEvent
    let access: JSONAccess
}
