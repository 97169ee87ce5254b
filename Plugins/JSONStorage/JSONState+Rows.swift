import HashTreeCollections
import PortalKernel

/// Row operations with the same rules and error words as the SQLite schema: unique ids and keys, references that
/// must exist, updates only within the record's own account.
extension JSONState {
    mutating func insert<Record>(
        _ record: Record, id: String, into rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>, table: String
    ) throws {
        guard self[keyPath: rows][id] == nil else { throw StorageError.duplicate("UNIQUE: \(table).id") }
        write(record, id: id, into: rows, table: table)
    }

    /// Replaces a row that exists in `account`; otherwise `notFound("table id")`, as SQLite words it.
    mutating func update<Record>(
        _ record: Record, id: String, in account: Account.ID?, into rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
        table: String, accountOf: (Record) -> Account.ID?
    ) throws {
        guard let existing = self[keyPath: rows][id], accountOf(existing) == account else {
            throw StorageError.notFound("\(table) \(id)")
        }
        write(record, id: id, into: rows, table: table)
    }

    mutating func write<Record>(
        _ record: Record, id: String, into rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>, table: String
    ) {
        let old = self[keyPath: rows].updateValue(record, forKey: id)
        indexes.replace(old, with: record, id: id)
        touched.insert(RowKey(table: table, id: id))
    }

    mutating func remove<Record>(id: String, from rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>, table: String) {
        guard let old = self[keyPath: rows].removeValue(forKey: id) else { return }
        indexes.replace(old, with: nil, id: id)
        touched.insert(RowKey(table: table, id: id))
    }

    /// Throws `duplicate` when another row (not `id`) already has `key`.
    func requireUnique<Record, Key: Equatable>(
        _ key: Key?, in rows: KeyPath<JSONState, TreeDictionary<String, Record>>, except id: String, name: String,
        keyOf: (Record) -> Key?
    ) throws {
        guard let key else { return }
        if self[keyPath: rows].contains(where: { $0.key != id && keyOf($0.value) == key }) {
            throw StorageError.duplicate("UNIQUE: \(name)")
        }
    }

    /// Throws `missingReference` unless `id` (when given) names a row of `rows` in `account`: a record never
    /// refers to another company's.
    func requireReference<Record: AccountOwned>(
        _ id: String?, in rows: KeyPath<JSONState, TreeDictionary<String, Record>>, name: String, account: Account.ID
    ) throws {
        guard let id else { return }
        guard let row = self[keyPath: rows][id] else { throw StorageError.missingReference("\(name) \(id)") }
        guard row.accountID == account else {
            throw StorageError.missingReference("\(name) \(id) belongs to another account")
        }
    }

    /// Throws `missingReference` unless the account exists.
    func requireAccount(_ account: Account.ID) throws {
        guard accounts[account.rawValue] != nil else { throw StorageError.missingReference("account \(account)") }
    }
}

/// A record that belongs to one account.
protocol AccountOwned {
    var accountID: Account.ID { get }
}

extension StaffUser: AccountOwned {}
extension Customer: AccountOwned {}
extension Job: AccountOwned {}
extension Proposal: AccountOwned {}
extension Invoice: AccountOwned {}
extension Payment: AccountOwned {}
extension Lead: AccountOwned {}
extension LoginToken: AccountOwned {}
extension OutboxMessage: AccountOwned {}
extension AuditEvent: AccountOwned {}
extension ProposalLink: AccountOwned {}
extension APIToken: AccountOwned {}

extension JSONState {
    /// The row with `id` if it belongs to `account`: another account's id finds nothing.
    func row<Record: AccountOwned>(
        _ rows: KeyPath<JSONState, TreeDictionary<String, Record>>, _ id: String, in account: Account.ID
    ) -> Record? {
        guard let record = self[keyPath: rows][id], record.accountID == account else { return nil }
        return record
    }
}
