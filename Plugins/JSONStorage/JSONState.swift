import HashTreeCollections
import PortalKernel

/// Every record of a JSON store, in memory: one table per record type of ``RecordCatalogue`` that a dump carries,
/// named as in SQL (`staff_user`), each by id (#19). A new record type needs nothing here.
///
/// Tables are persistent hash maps (`TreeDictionary`): a transaction's working copy shares every node with the
/// committed state, and a write copies only the path to the row it changes, so a write costs O(log n), not a copy of
/// the table.
struct JSONState: Sendable {
    /// The non-empty tables, by name.
    private var tables: [String: any JSONTable] = [:]

    /// Look-ups behind the portal queries and the unique keys.
    var indexes = JSONIndexes()

    /// The sequence number of the last transaction applied.
    var sequence = 0
    /// Rows changed since the last commit (only in a transaction's working copy).
    var touched: Set<RowKey> = []

    /// A row: its table's name and its id.
    struct RowKey: Hashable, Sendable {
        let table: String
        let id: String
    }

    /// `Record`'s table.
    subscript<Record: StoredRecord>(_: Record.Type) -> TreeDictionary<String, Record> {
        get { (tables[Record.storage.table] as? Rows<Record>)?.rows ?? [:] }
        _modify {
            // Taken out while it changes, so the change copies only the path to the row, not the table.
            let table = Record.storage.table
            var rows = (tables.removeValue(forKey: table) as? Rows<Record>)?.rows ?? [:]
            defer { tables[table] = rows.isEmpty ? nil : Rows(rows: rows) }
            yield &rows
        }
    }

    /// The account of the row `id` of the table called `table`: `.some(nil)` for a row of a table outside accounts,
    /// `nil` for no such row.
    func account(ofRow id: String, in table: String) -> String?? {
        tables[table]?.account(ofRow: id)
    }
}

/// A table whose record type is not known where it is looked at (a reference names its table by name).
private protocol JSONTable: Sendable {
    func account(ofRow id: String) -> String??
}

private struct Rows<Record: StoredRecord>: JSONTable {
    var rows: TreeDictionary<String, Record>

    func account(ofRow id: String) -> String?? {
        rows[id].map { Record.storage.account?($0) }
    }
}

extension JSONState {
    /// Every record as a dump, each list sorted by id.
    var dump: StorageDump {
        var dump = StorageDump()
        func collect<Record: StoredRecord>(_: Record.Type) {
            guard Record.storage.dump != nil else { return }
            dump[Record.self] = self[Record.self].sorted { $0.key < $1.key }.map(\.value)
        }
        RecordCatalogue.forEach { collect($0) }
        return dump
    }

    /// Applies a committed transaction: its records replace (or add) rows by id, its deletions remove rows.
    mutating func apply(_ entry: JournalEntry) {
        func apply<Record: StoredRecord>(_: Record.Type) {
            for record in entry.put[Record.self] { write(record) }
            for id in entry.delete[Record.storage.table] ?? [] { remove(Record.self, id: id) }
        }
        RecordCatalogue.forEach { apply($0) }
        sequence = entry.sequence
        touched = []
    }

    /// What this working copy changed since `touched` was last cleared, as the next journal entry.
    func changes(sequence: Int) -> JournalEntry {
        var entry = JournalEntry(sequence: sequence)
        func collect<Record: StoredRecord>(_: Record.Type) {
            let table = Record.storage.table
            for id in touched.filter({ $0.table == table }).map(\.id).sorted() {
                if let record = self[Record.self][id] {
                    entry.put[Record.self].append(record)
                } else {
                    entry.delete[table, default: []].append(id)
                }
            }
        }
        RecordCatalogue.forEach { collect($0) }
        return entry
    }
}

/// One committed transaction, one line of `journal.jsonl`: the rows it wrote, whole, and the ids it deleted, by
/// table.
struct JournalEntry: Codable, Sendable, Equatable {
    var sequence: Int
    var put = StorageDump()
    var delete: [String: [String]] = [:]

    init(sequence: Int) {
        self.sequence = sequence
    }

    var isEmpty: Bool { put.isEmpty && delete.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case sequence, put, delete
    }

    /// Reads an entry; a deletion under a table name of release 1 (`loginToken`) counts for its table (`login_token`).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        put = try container.decodeIfPresent(StorageDump.self, forKey: .put) ?? StorageDump()
        let deletions = try container.decodeIfPresent([String: [String]].self, forKey: .delete) ?? [:]
        for (table, ids) in deletions { delete[Self.tableName(table), default: []] += ids }
    }

    /// `loginToken` → `login_token`; a name of today unchanged.
    static func tableName(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            result += character.isUppercase ? "_\(character.lowercased())" : String(character)
        }
    }
}
