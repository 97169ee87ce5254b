import PortalKernel

struct JSONLeadRepository: LeadRepository, JSONRecordRepository {
    typealias Record = Lead
    let access: JSONAccess
}
