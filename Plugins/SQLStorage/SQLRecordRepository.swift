import PortalKernel

/// What every repository of a catalogued record shares, written once: a repository declares its `Record` and
/// holds only the queries of its own.
protocol SQLRecordRepository: Sendable {
    associatedtype Record: StoredRecord
    var access: SQLAccess { get }
}

extension SQLRecordRepository {
    func insert(_ record: Record) async throws { try await access.insert(record) }

    func update(_ record: Record) async throws { try await access.update(record) }

    func find(_ id: Identifier<Record>, in account: Account.ID) async throws -> Record? {
        try await access.find(Record.self, id: id.rawValue, in: account)
    }
}
