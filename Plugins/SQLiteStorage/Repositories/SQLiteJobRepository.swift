import GRDB
import PortalKernel

struct SQLiteJobRepository: JobRepository {
    let access: SQLiteAccess

    func insert(_ job: Job) async throws { try await access.insert(job) }

    func update(_ job: Job) async throws { try await access.update(job) }

    func find(_ id: Job.ID, in account: Account.ID) async throws -> Job? {
        try await access.find(Job.self, id: id.rawValue, in: account)
    }

    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] {
        let ids = ids.map(\.rawValue)
        return try await access.fetchAll({ $0.filter(ids.contains(Column("id"))).order(Column("id")) }, in: account)
    }

    func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job] {
        try await access.fetchAll(
            { $0.filter(Column("customerID") == customer.rawValue).order(Column("createdAt").desc, Column("id")) }, in: account)
    }
}
