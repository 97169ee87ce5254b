import PortalKernel
import PostgresNIO

struct PostgresJobRepository: JobRepository {
    let access: PostgresAccess

    func insert(_ job: Job) async throws { try await access.insert(job) }

    func update(_ job: Job) async throws { try await access.update(job) }

    func find(_ id: Job.ID, in account: Account.ID) async throws -> Job? {
        try await access.find(Job.self, id: id.rawValue, in: account)
    }

    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] {
        try await access.records(
            "SELECT record::text FROM job WHERE account_id = \(account.rawValue) AND id = ANY(\(ids.map(\.rawValue))) ORDER BY id")
    }

    func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job] {
        try await access.all(
            Job.self, where: "account_id = $1 AND customer_id = $2", [account.rawValue, customer.rawValue], orderBy: "created_at DESC, id")
    }
}
