import PortalKernel

struct SQLLeadRepository: LeadRepository, SQLRecordRepository {
    typealias Record = Lead
    let access: SQLAccess
}
