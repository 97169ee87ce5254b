import PortalKernel

struct SQLJobRepository: JobRepository, SQLRecordRepository {
    typealias Record = Job
    let access: SQLAccess

    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] {
        guard !ids.isEmpty else { return [] }
        return try await access.all(
            Job.self, where: "account_id = \(bind: account.rawValue) AND id IN (\(binds: ids.map(\.rawValue)))", orderBy: "id")
    }
}
