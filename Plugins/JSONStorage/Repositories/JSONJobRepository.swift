import PortalKernel

struct JSONJobRepository: JobRepository {
    let access: JSONAccess

    func insert(_ job: Job) async throws {
        try await access.write { state in
            try Self.check(job, in: state)
            try state.insert(job, id: job.id.rawValue, into: \.jobs, table: "job")
        }
    }

    func update(_ job: Job) async throws {
        try await access.write { state in
            try Self.check(job, in: state)
            try state.update(job, id: job.id.rawValue, in: job.accountID, into: \.jobs, table: "job") { $0.accountID }
        }
    }

    func find(_ id: Job.ID, in account: Account.ID) async throws -> Job? {
        try access.read { $0.row(\.jobs, id.rawValue, in: account) }
    }

    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] {
        try access.read { state in
            Set(ids).compactMap { state.jobs[$0.rawValue] }.filter { $0.accountID == account }.sorted { $0.id < $1.id }
        }
    }

    func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job] {
        try access.read { state in
            state.jobs.values.filter { $0.accountID == account && $0.customerID == customer }
                .sorted { ($1.createdAt, $0.id) < ($0.createdAt, $1.id) }
        }
    }

    private static func check(_ job: Job, in state: JSONState) throws {
        try state.requireAccount(job.accountID)
        try state.requireReference(job.customerID?.rawValue, in: \.customers, name: "customer", account: job.accountID)
    }
}
