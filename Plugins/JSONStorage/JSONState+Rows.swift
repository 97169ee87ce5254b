import HashTreeCollections
import PortalKernel

/// Row operations with the rules and error words of the SQL schema, taken from the record catalogue: unique ids
/// and keys, references that must exist in the record's own account, updates only within that account.
extension JSONState {
    /// Adds a row; `duplicate` when its id, or one of its unique keys, is taken.
    mutating func insert<Record: StoredRecord>(_ record: Record) throws {
        try requireKept(Record.self)
        let id = Record.storage.id(record)
        guard self[Record.self][id] == nil else { throw StorageError.duplicate("UNIQUE: \(Record.storage.table).id") }
        try check(record)
        write(record)
    }

    /// Replaces a row that exists in the record's account; otherwise `notFound("table id")`, as SQL words it.
    mutating func update<Record: StoredRecord>(_ record: Record) throws {
        try requireKept(Record.self)
        let id = Record.storage.id(record)
        guard let existing = self[Record.self][id], Record.storage.account?(existing) == Record.storage.account?(record) else {
            throw StorageError.notFound("\(Record.storage.table) \(id)")
        }
        try check(record)
        write(record)
    }

    /// Adds or replaces a row, under the insert's rules.
    mutating func save<Record: StoredRecord>(_ record: Record) throws {
        try requireKept(Record.self)
        try check(record)
        write(record)
    }

    /// The row with `id` if it belongs to `account`: another account's id finds nothing.
    func row<Record: StoredRecord>(_: Record.Type, _ id: String, in account: Account.ID) -> Record? {
        guard let record = self[Record.self][id], Record.storage.account?(record) == account.rawValue else { return nil }
        return record
    }

    /// Writes the row with no check: for what was checked already (a committed journal entry, a token being used).
    mutating func write<Record: StoredRecord>(_ record: Record) {
        let id = Record.storage.id(record)
        let old = self[Record.self].updateValue(record, forKey: id)
        indexes.replace(old, with: record, id: id)
        touched.insert(RowKey(table: Record.storage.table, id: id))
    }

    mutating func remove<Record: StoredRecord>(_: Record.Type, id: String) {
        guard let old = self[Record.self].removeValue(forKey: id) else { return }
        indexes.replace(old, with: nil, id: id)
        touched.insert(RowKey(table: Record.storage.table, id: id))
    }

    /// Refuses a record of a table this store does not keep: one no dump carries (counters, which the store holds in
    /// memory on their own). Its row would be journalled as nothing and lost at commit, after the write was
    /// acknowledged.
    private func requireKept<Record: StoredRecord>(_: Record.Type) throws {
        guard Record.storage.dump != nil else {
            throw StorageError.refused("\(Record.storage.table): this store keeps no such table (counters are held in memory)")
        }
    }

    /// Throws the first rule `record` breaks: its account or a record a column refers to missing from its account
    /// (`missingReference`), or a unique key another row holds (`duplicate`).
    private func check<Record: StoredRecord>(_ record: Record) throws {
        try Record.storage.refuseNUL(in: record)
        if let account = Record.storage.account?(record) {
            guard self[Account.self][account] != nil else { throw StorageError.missingReference("account \(account)") }
            for column in Record.storage.columns {
                guard let table = column.references, case .text(let target?) = column.value(record) else { continue }
                guard let owner = self.account(ofRow: target, in: table) else { throw StorageError.missingReference("\(table) \(target)") }
                guard owner == account else { throw StorageError.missingReference("\(table) \(target) belongs to another account") }
            }
        }
        let id = Record.storage.id(record)
        for (columns, key) in JSONIndexes.uniqueKeys(of: record) where indexes.unique[key].map({ $0 != id }) == true {
            throw StorageError.duplicate("UNIQUE: \(columns.map { "\(Record.storage.table).\($0)" }.joined(separator: ", "))")
        }
    }
}
