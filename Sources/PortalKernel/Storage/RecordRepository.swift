/// What a store does for every record type of ``RecordCatalogue``, written once per store from the catalogue (#19):
/// insert, update, find by id and ``RecordQuery``. A record type with no query of its own needs no repository of
/// its own: use cases reach it as `store.records(Visit.self)`.
public protocol RecordStore: Sendable {
    /// Inserts `record`. `StorageError.duplicate` when its id or one of its table's unique keys is taken;
    /// `.missingReference` when its account, or a record a column refers to, does not exist in its account.
    func insert<Record: StoredRecord>(_ record: Record) async throws
    /// Replaces the record with `record`'s id in `record`'s account, under the same rules as an insert;
    /// `StorageError.notFound` when there is none.
    func update<Record: StoredRecord>(_ record: Record) async throws
    /// The record of `account` with `id`; `nil` for an unknown id or another account's. Inside a transaction it is
    /// held for the transaction's write where the store locks rows.
    func find<Record: StoredRecord>(_ type: Record.Type, id: String, in account: Account.ID) async throws -> Record?
    /// The records `query` selects, in its order.
    func all<Record: StoredRecord>(_ query: RecordQuery<Record>) async throws -> [Record]
    /// The record whose unique key `columns` holds `values`, in whichever account: what a secret in a URL finds its
    /// account by. `columns` must be one of the catalogue's unique keys of `Record`, else `StorageError.refused`.
    func unique<Record: StoredRecord>(_ type: Record.Type, key columns: [String], _ values: [String]) async throws -> Record?
}

/// One record type's operations over a ``RecordStore``.
public struct RecordRepository<Record: StoredRecord>: Sendable {
    /// The store the operations go to: the storage itself, or a transaction's or read snapshot's repositories.
    public let store: any RecordStore

    /// Memberwise; use cases get one from `store.records(Visit.self)`.
    public init(store: any RecordStore) {
        self.store = store
    }

    public func insert(_ record: Record) async throws { try await store.insert(record) }

    public func update(_ record: Record) async throws { try await store.update(record) }

    public func find(_ id: Identifier<Record>, in account: Account.ID) async throws -> Record? {
        try await store.find(Record.self, id: id.rawValue, in: account)
    }

    /// The record whose unique key `columns` holds `values`, in whichever account (``RecordStore/unique(_:key:_:)``).
    public func unique(key columns: [String], _ values: [String]) async throws -> Record? {
        try await store.unique(Record.self, key: columns, values)
    }

    /// The account's records that pass every filter, by `order` and then id, at most `limit` of them. Throws
    /// `StorageError.refused` for a query the catalogue does not allow (see ``RecordQuery``).
    public func all(
        in account: Account.ID, where filters: [RecordFilter] = [], orderedBy order: [RecordOrder] = [], limit: Int? = nil
    ) async throws -> [Record] {
        try await store.all(RecordQuery(in: account, where: filters, orderedBy: order, limit: limit))
    }
}

extension RecordStorage {
    /// Refuses a look-up by `columns` unless they are one of the record's unique keys.
    /// - Throws: `StorageError.refused` naming the table and the columns.
    public func requireUniqueKey(_ columns: [String]) throws {
        guard unique.contains(columns) else {
            throw StorageError.refused("\(table) has no unique key (\(columns.joined(separator: ", ")))")
        }
    }
}

extension Repositories {
    /// `Record`'s operations, seen from where these repositories are (the store itself, a transaction or a read).
    public func records<Record: StoredRecord>(_: Record.Type) -> RecordRepository<Record> {
        RecordRepository(store: recordStore)
    }
}
