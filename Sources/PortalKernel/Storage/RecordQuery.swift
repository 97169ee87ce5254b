/// A question every store answers the same way (#19): the records of one account whose catalogue columns pass
/// every filter, in the given order and then by id, at most `limit` of them.
///
/// SQL stores run it as one statement; a store that holds records in memory runs ``select(from:)``. Both compare as
/// the SQL databases do: text as UTF-8 bytes, instants to the millisecond, `false` before `true`, and an empty
/// (`NULL`) column passes no comparison but ``RecordFilter/isEmpty(_:)``.
public struct RecordQuery<Record: StoredRecord>: Sendable {
    /// The account whose records are asked for; no other account's record is ever in the answer.
    public let account: Account.ID
    /// The conditions a record must pass, all of them; empty for every record of the account.
    public let filters: [RecordFilter]
    /// The columns to sort by, first to last, each never empty; ties, and an empty order, fall back to the id.
    public let order: [RecordOrder]
    /// The most records to return, never negative; `nil` for all.
    public let limit: Int?

    /// A query of `Record`'s table. Throws `StorageError.refused` when the table is not kept per account, a filter
    /// or an order names a column the catalogue does not give the table, a value is of another kind than its
    /// column or text holding NUL, an order's column may be empty (the databases sort `NULL` differently), or `limit`
    /// is negative.
    public init(in account: Account.ID, where filters: [RecordFilter] = [], orderedBy order: [RecordOrder] = [], limit: Int? = nil) throws {
        let storage = Record.storage
        func refuse(_ why: String) -> StorageError { .refused("a query of \(storage.table): \(why)") }
        guard storage.isAccountScoped else { throw refuse("the table is not kept per account") }
        for filter in filters {
            guard let column = storage.column(named: filter.column) else { throw refuse("no column \(filter.column)") }
            guard filter.value.kind == column.kind else { throw refuse("\(filter.column) holds \(column.kind), not \(filter.value.kind)") }
            // No stored text holds one (``RecordStorage/refuseNUL(in:)``), and SQLite would compare only up to it.
            if case .text(let text?) = filter.value, text.utf8.contains(0) { throw refuse("\(filter.column): text with the NUL character") }
        }
        for item in order {
            guard let column = storage.column(named: item.column) else { throw refuse("no column \(item.column)") }
            guard !column.isOptional else { throw refuse("\(item.column) may be empty, so it cannot order") }
        }
        guard (limit ?? 0) >= 0 else { throw refuse("a negative limit") }
        (self.account, self.filters, self.order, self.limit) = (account, filters, order, limit)
    }

    /// Whether `record` is the account's and passes every filter.
    public func matches(_ record: Record) -> Bool {
        guard Record.storage.account?(record) == account.rawValue else { return false }
        return filters.allSatisfy { filter in
            guard let column = Record.storage.column(named: filter.column) else { return false }
            return filter.passes(column.value(record))
        }
    }

    /// Whether `first` comes before `second`: by the order's columns, then by id.
    public func precedes(_ first: Record, _ second: Record) -> Bool {
        for item in order {
            guard let column = Record.storage.column(named: item.column),
                let comparison = StoredValue.compare(column.value(first), column.value(second)), comparison != 0
            else { continue }
            return item.descending ? comparison > 0 : comparison < 0
        }
        return Record.storage.id(first).utf8.lexicographicallyPrecedes(Record.storage.id(second).utf8)
    }

    /// The answer, from records held in memory.
    public func select(from records: some Sequence<Record>) -> [Record] {
        let selected = records.filter(matches).sorted(by: precedes)
        return limit.map { Array(selected.prefix($0)) } ?? selected
    }
}

/// One condition on a catalogue column.
public struct RecordFilter: Sendable, Hashable {
    public enum Comparison: Sendable, Hashable {
        /// `=`, or `IS NULL` for an empty value.
        case equal
        /// `<>`, or `IS NOT NULL` for an empty value.
        case notEqual
        /// `>=`.
        case atLeast
        /// `<`.
        case below
    }

    /// The catalogue column compared (`customer_id`), one the record's table has.
    public let column: String
    /// How the column is compared with ``value``.
    public let comparison: Comparison
    /// What the column is compared with, of the column's kind; an empty value (`NULL`) asks whether the column is
    /// empty.
    public let value: StoredValue

    public static func equal(_ column: String, _ value: StoredValue) -> Self { Self(column: column, comparison: .equal, value: value) }
    public static func notEqual(_ column: String, _ value: StoredValue) -> Self { Self(column: column, comparison: .notEqual, value: value) }
    public static func atLeast(_ column: String, _ value: StoredValue) -> Self { Self(column: column, comparison: .atLeast, value: value) }
    public static func below(_ column: String, _ value: StoredValue) -> Self { Self(column: column, comparison: .below, value: value) }

    /// Whether a record whose column holds `stored` passes.
    func passes(_ stored: StoredValue) -> Bool {
        if value.isEmpty {
            return switch comparison {
            case .equal: stored.isEmpty
            case .notEqual: !stored.isEmpty
            case .atLeast, .below: false
            }
        }
        guard let comparison = StoredValue.compare(stored, value) else { return false }
        return switch self.comparison {
        case .equal: comparison == 0
        case .notEqual: comparison != 0
        case .atLeast: comparison >= 0
        case .below: comparison < 0
        }
    }
}

/// One column to sort by.
public struct RecordOrder: Sendable, Hashable {
    /// The catalogue column sorted by, one that is never empty.
    public let column: String
    /// Whether the largest value comes first.
    public let descending: Bool

    public static func ascending(_ column: String) -> Self { Self(column: column, descending: false) }
    public static func descending(_ column: String) -> Self { Self(column: column, descending: true) }
}

extension StoredValue {
    /// The kind of column it fits.
    public var kind: Kind {
        switch self {
        case .text: .text
        case .integer: .integer
        case .bool: .bool
        case .instant: .instant
        }
    }

    /// Whether it is `NULL`.
    public var isEmpty: Bool {
        switch self {
        case .text(nil), .integer(nil), .instant(nil): true
        case .text, .integer, .bool, .instant: false
        }
    }

    /// Below zero when `first` comes first, zero when equal, as both SQL databases compare; `nil` when either is
    /// empty or their kinds differ.
    static func compare(_ first: StoredValue, _ second: StoredValue) -> Int? {
        func sign<Value: Comparable>(_ a: Value, _ b: Value) -> Int { a < b ? -1 : a == b ? 0 : 1 }
        switch (first, second) {
        case (.text(let a?), .text(let b?)):
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : a.utf8.elementsEqual(b.utf8) ? 0 : 1
        case (.integer(let a?), .integer(let b?)): return sign(a, b)
        case (.bool(let a), .bool(let b)): return sign(a ? 1 : 0, b ? 1 : 0)
        case (.instant(let a?), .instant(let b?)): return sign(StorageJSON.milliseconds(a), StorageJSON.milliseconds(b))
        default: return nil
        }
    }
}
