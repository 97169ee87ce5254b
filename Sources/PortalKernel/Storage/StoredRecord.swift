import Foundation

/// A record type the stores keep, described once (#19): its table, its id, its account scope, the columns it is
/// found and sorted by, its unique keys and indexes. Both SQL schemas, the dump format and the JSON store's tables
/// derive from these descriptions, listed in ``RecordCatalogue``.
///
/// Every store keeps the whole record as JSON (``StorageJSON``), so the columns are only what queries and
/// constraints need, and are worked out from the record at every write: they cannot drift from it.
public protocol StoredRecord: Codable, Hashable, Sendable {
    static var storage: RecordStorage<Self> { get }
}

/// How one record type is stored. `Record` is the kernel type.
public struct RecordStorage<Record: StoredRecord>: Sendable {
    /// The table: `snake_case`, singular (`staff_user`).
    public let table: String
    /// The key of the record type's list in a ``StorageDump``'s JSON (`staffUsers`); `nil` for records no dump
    /// carries (counters).
    public let dump: String?
    /// The record's id, unique in the table.
    public let id: @Sendable (Record) -> String
    /// The account the record belongs to; `nil` for a table outside accounts (accounts, counters). Every query of
    /// a scoped table names the account.
    public let account: (@Sendable (Record) -> String)?
    /// The columns besides `id`, `account_id` and the record itself.
    public let columns: [RecordColumn<Record>]
    /// Column groups no two records may share (`[["account_id", "number"]]`).
    public let unique: [[String]]
    /// Column groups queries find records by, in the order they filter and sort.
    public let indexes: [[String]]
    /// A column with several values per record, kept as rows of its own (`customer_email`), found by account and
    /// value: the customer's contact emails.
    public let list: RecordList<Record>?

    /// Memberwise; no constraints, indexes or list unless given. ``RecordCatalogue`` holds one per record type.
    public init(
        table: String, dump: String?,
        id: @escaping @Sendable (Record) -> String, account: (@Sendable (Record) -> String)?,
        columns: [RecordColumn<Record>] = [], unique: [[String]] = [], indexes: [[String]] = [], list: RecordList<Record>? = nil
    ) {
        self.table = table
        self.dump = dump
        self.id = id
        self.account = account
        self.columns = columns
        self.unique = unique
        self.indexes = indexes
        self.list = list
    }

    /// Whether the table has `account_id`.
    public var isAccountScoped: Bool { account != nil }

    /// Throws `StorageError.refused` for a table outside accounts (accounts, counters), which a look-up "in an
    /// account" cannot scope: every store refuses it alike, as ``RecordQuery`` does, rather than one answering
    /// `nil` and another failing on a column it does not have.
    public func requireAccountScope() throws {
        guard isAccountScoped else { throw StorageError.refused("a find in an account of \(table): the table is not kept per account") }
    }

    /// Throws `StorageError.refused` when a text kept beside the record (its id, its account, a text column, a list
    /// value) holds the NUL character. The stores would part there: SQLite keeps text only up to its first NUL (so
    /// `N\0 1` would be stored, found and unique as `N`), PostgreSQL refuses it, the JSON store would keep it whole.
    /// Every store refuses it alike, as the HTTP layer does.
    public func refuseNUL(in record: Record) throws {
        var texts = [id(record)]
        if let account { texts.append(account(record)) }
        for column in columns {
            if case .text(let text?) = column.value(record) { texts.append(text) }
        }
        if let list { texts += list.values(record) }
        guard !texts.contains(where: { $0.utf8.contains(0) }) else {
            throw StorageError.refused("\(table) \(id(record).debugDescription): text may not contain the NUL character (U+0000)")
        }
    }

    /// The column called `name`, if the table has one besides `id`, `account_id` and the record.
    public func column(named name: String) -> RecordColumn<Record>? {
        columns.first { $0.name == name }
    }
}

/// A value kept in a column beside the record.
public enum StoredValue: Sendable, Hashable {
    case text(String?)
    case integer(Int?)
    case bool(Bool)
    /// Kept to the millisecond, as the record's JSON keeps it.
    case instant(Date?)

    /// The kinds of column.
    public enum Kind: Sendable {
        case text, integer, bool, instant
    }
}

/// One column beside the record: its name, kind, whether it may be empty, the table it points at (in the same
/// account) and how its value comes from the record.
public struct RecordColumn<Record>: Sendable {
    /// The column's name in `snake_case` (`customer_id`), as queries and the SQL schema name it.
    public let name: String
    /// What the column holds: text, an integer, a Boolean or an instant (milliseconds in SQL).
    public let kind: StoredValue.Kind
    /// Whether the column may be empty (`NULL`); such a column cannot order a ``RecordQuery``.
    public let isOptional: Bool
    /// The table whose `id` this column holds, within the record's account.
    public let references: String?
    /// Works the column's value out of a record, at every write.
    public let value: @Sendable (Record) -> StoredValue

    public static func text(_ name: String, references: String? = nil, _ value: @escaping @Sendable (Record) -> String) -> Self {
        Self(name: name, kind: .text, isOptional: false, references: references) { .text(value($0)) }
    }

    public static func optionalText(_ name: String, references: String? = nil, _ value: @escaping @Sendable (Record) -> String?) -> Self {
        Self(name: name, kind: .text, isOptional: true, references: references) { .text(value($0)) }
    }

    public static func integer(_ name: String, _ value: @escaping @Sendable (Record) -> Int) -> Self {
        Self(name: name, kind: .integer, isOptional: false, references: nil) { .integer(value($0)) }
    }

    public static func bool(_ name: String, _ value: @escaping @Sendable (Record) -> Bool) -> Self {
        Self(name: name, kind: .bool, isOptional: false, references: nil) { .bool(value($0)) }
    }

    public static func instant(_ name: String, _ value: @escaping @Sendable (Record) -> Date) -> Self {
        Self(name: name, kind: .instant, isOptional: false, references: nil) { .instant(value($0)) }
    }

    public static func optionalInstant(_ name: String, _ value: @escaping @Sendable (Record) -> Date?) -> Self {
        Self(name: name, kind: .instant, isOptional: true, references: nil) { .instant(value($0)) }
    }
}

/// A column with several text values per record, kept as rows `(account_id, name, <table>_id)` of its own table
/// `<table>_<name>`.
public struct RecordList<Record>: Sendable {
    /// The list's name (`email`): its table is `<table>_<name>` (`customer_email`).
    public let name: String
    /// The record's values for the list, each kept as a row of its own.
    public let values: @Sendable (Record) -> Set<String>

    /// Memberwise: the list called `name`, its values from `values`.
    public init(_ name: String, _ values: @escaping @Sendable (Record) -> Set<String>) {
        self.name = name
        self.values = values
    }
}
