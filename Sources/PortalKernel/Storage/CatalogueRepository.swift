/// A store's repository of one catalogued record type (#19): insert, update and find by id come from the store's
/// ``RecordStore``, and so do the list queries the kernel writes once (`RepositoryQueries.swift`). The store's type
/// declares its `Record` and its record store, and holds only what it answers its own way: a join, a row lock, an
/// index of its own.
public protocol CatalogueRepository: Sendable {
    associatedtype Record: StoredRecord
    var recordStore: any RecordStore { get }
}

extension CatalogueRepository {
    public func insert(_ record: Record) async throws { try await recordStore.insert(record) }

    public func update(_ record: Record) async throws { try await recordStore.update(record) }

    public func find(_ id: Identifier<Record>, in account: Account.ID) async throws -> Record? {
        try await recordStore.find(Record.self, id: id.rawValue, in: account)
    }

    /// The type's generic operations, for the queries below.
    var records: RecordRepository<Record> { RecordRepository(store: recordStore) }
}
