import HashTreeCollections
import PortalKernel

/// Secondary indexes, as the SQL schema has: every unique key of the catalogue, which customers an email belongs
/// to, and a customer's proposals and invoices. Kept in step by ``JSONState/write(_:)`` and
/// ``JSONState/remove(_:id:)``, the only places rows change.
struct JSONIndexes: Sendable {
    /// A unique key's table, columns and values (``key(_:_:_:)``) → the id of the row that holds it.
    var unique: TreeDictionary<[UInt8], String> = [:]
    /// `accountID/email` → customer ids.
    var customersByEmail: TreeDictionary<String, Set<String>> = [:]
    /// customer id → proposal ids.
    var proposalsByCustomer: TreeDictionary<String, Set<String>> = [:]
    /// customer id → invoice ids.
    var invoicesByCustomer: TreeDictionary<String, Set<String>> = [:]

    static func emailKey(_ email: String, in account: Account.ID) -> String { "\(account.rawValue)/\(email)" }

    /// The record's unique keys from the catalogue, each as its columns and its ``key(_:_:_:)``. A key with an empty
    /// value is left out: as in SQL, `NULL` never collides.
    static func uniqueKeys<Record: StoredRecord>(of record: Record) -> [(columns: [String], key: [UInt8])] {
        Record.storage.unique.compactMap { columns in
            var values: [String] = []
            for column in columns {
                let value = column == "account_id" ? Record.storage.account?(record) : Record.storage.column(named: column).flatMap { text($0.value(record)) }
                guard let value else { return nil }
                values.append(value)
            }
            return (columns, key(Record.storage.table, columns, values))
        }
    }

    /// A table's unique key and its values as bytes, each part after its length, so no two keys run together;
    /// bytes, not `String`, so two texts differ whenever SQL says they do (`String` equates canonically equivalent
    /// texts).
    static func key(_ table: String, _ columns: [String], _ values: [String]) -> [UInt8] {
        ([table] + columns + values).flatMap { Array("\($0.utf8.count):".utf8) + Array($0.utf8) }
    }

    /// A value as the text a unique key compares; `nil` when empty.
    private static func text(_ value: StoredValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let number): number.map(String.init)
        case .bool(let flag): String(flag)
        case .instant(let date): date.map { String(StorageJSON.milliseconds($0)) }
        }
    }
}

/// A record that appears in the portal's secondary indexes.
protocol JSONIndexed {
    /// The index entries this record makes: which index, under which key, with the record's id as value.
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] { get }
}

extension Customer: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        emails.map { (\.customersByEmail, JSONIndexes.emailKey($0, in: accountID)) }
    }
}

extension Proposal: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        [(\.proposalsByCustomer, customerID.rawValue)]
    }
}

extension Invoice: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        [(\.invoicesByCustomer, customerID.rawValue)]
    }
}

extension JSONIndexes {
    /// Moves `id`'s entries from what `old` made to what `new` makes.
    mutating func replace<Record: StoredRecord>(_ old: Record?, with new: Record?, id: String) {
        for entry in old.map(Self.uniqueKeys) ?? [] where unique[entry.key] == id { unique[entry.key] = nil }
        for entry in new.map(Self.uniqueKeys) ?? [] { unique[entry.key] = id }
        for (index, key) in (old as? any JSONIndexed)?.indexEntries ?? [] {
            self[keyPath: index][key]?.remove(id)
            if self[keyPath: index][key]?.isEmpty == true { self[keyPath: index][key] = nil }
        }
        for (index, key) in (new as? any JSONIndexed)?.indexEntries ?? [] {
            self[keyPath: index][key, default: []].insert(id)
        }
    }
}

extension JSONState {
    /// The rows of `Record`'s table whose ids `index` lists under `key`.
    func indexed<Record: StoredRecord>(
        _: Record.Type, by index: KeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, key: String
    ) -> [Record] {
        (indexes[keyPath: index][key] ?? []).compactMap { self[Record.self][$0] }
    }

    /// The row that holds the unique key `columns` = `values` of `Record`'s table (values as the key compares
    /// them: text as it is).
    func unique<Record: StoredRecord>(_: Record.Type, _ columns: [String], _ values: [String]) -> Record? {
        indexes.unique[JSONIndexes.key(Record.storage.table, columns, values)].flatMap { self[Record.self][$0] }
    }
}
