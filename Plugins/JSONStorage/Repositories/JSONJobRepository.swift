import PortalKernel

struct JSONJobRepository: JobRepository, JSONRecordRepository {
    typealias Record = Job
    let access: JSONAccess

    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] {
        try access.read { state in
            Set(ids).compactMap { state.row(Job.self, $0.rawValue, in: account) }.sorted { $0.id < $1.id }
        }
    }
}
