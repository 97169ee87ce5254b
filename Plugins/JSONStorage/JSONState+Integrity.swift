import PortalKernel

/// The rules the SQL schema enforces (unique keys, references that exist), checked over a whole state in one pass
/// from the record catalogue: when a store is opened (a hand-edited file that breaks one stops start-up) and after a
/// bulk import.
extension JSONState {
    /// Adds every record of `dump`; an id already present is `duplicate`. Does not check the other rules.
    mutating func merge(_ dump: StorageDump) throws {
        func merge<Record: StoredRecord>(_: Record.Type) throws {
            for record in dump[Record.self] {
                guard self[Record.self][Record.storage.id(record)] == nil else {
                    throw StorageError.duplicate("UNIQUE: \(Record.storage.table).id")
                }
                write(record)
            }
        }
        try RecordCatalogue.forEach { try merge($0) }
    }

    /// Throws the first broken rule, table by table in the catalogue's order: a unique key used twice, or a
    /// reference to a record that does not exist in the referring record's account.
    func validateIntegrity() throws {
        func validate<Record: StoredRecord>(_: Record.Type) throws {
            let table = Record.storage.table
            var seen: [[UInt8]: String] = [:]
            for (id, record) in self[Record.self].sorted(by: { $0.key < $1.key }) {
                for (columns, key) in JSONIndexes.uniqueKeys(of: record) {
                    if let other = seen.updateValue(id, forKey: key) {
                        let names = columns.map { "\(table).\($0)" }.joined(separator: ", ")
                        throw StorageError.duplicate("UNIQUE: \(names) (records \(other) and \(id))")
                    }
                }
                if let missing = brokenReference(of: record) {
                    throw StorageError.missingReference("\(table) \(id) refers to \(missing), which does not exist in its account")
                }
            }
        }
        try RecordCatalogue.forEach { try validate($0) }
    }

    /// The first reference of `record` that does not hold, as `table id`: its account, then its columns in order.
    private func brokenReference<Record: StoredRecord>(of record: Record) -> String? {
        guard let account = Record.storage.account?(record) else { return nil }
        guard self[Account.self][account] != nil else { return "account \(account)" }
        for column in Record.storage.columns {
            guard let table = column.references, case .text(let target?) = column.value(record) else { continue }
            if self.account(ofRow: target, in: table) != .some(.some(account)) { return "\(table) \(target)" }
        }
        return nil
    }
}
