import Foundation
import PortalKernel
import SQLKit

/// How a repository call reaches the database: statements on their own, inside an open transaction, or inside a
/// read group's snapshot.
struct SQLAccess: Sendable {
    enum Mode: Sendable {
        case standalone, transaction, snapshot
    }

    let database: any SQLDatabase
    let driver: any SQLDriver
    let mode: Mode
    /// For statements on their own inside a read group (``ReadGroupScope``): where their reads go.
    var group: (any SQLDatabase)? = nil

    /// How a row read by its key inside a transaction is held until the transaction ends (where rows are locked).
    enum Lock: String, Sendable {
        /// For rows a use case may write: a concurrent writer waits, so a read-modify-write loses nothing. (Not
        /// `FOR UPDATE`: that also waits for the key-share locks foreign-key checks take, and two transactions that
        /// each inserted a child of one row would deadlock upgrading to it.)
        case forUpdate = " FOR NO KEY UPDATE"
        /// For rows read as context (the account): readers do not wait for each other; a writer waits for them.
        case forShare = " FOR SHARE"
        /// Rows another transaction holds are left out, not waited for (the outbox worker's claim).
        case claim = " FOR NO KEY UPDATE SKIP LOCKED"
    }

    /// `lock`'s clause inside a transaction of a driver that locks rows; nothing otherwise.
    func clause(_ lock: Lock) -> SQLQueryString {
        mode == .transaction && driver.dialect.locksRows ? SQLQueryString(lock.rawValue) : ""
    }

    /// Runs `query` and returns its rows; a query that only `reads`, in the read group's snapshot when there is one.
    /// A cancelled task (a client that went away) touches nothing.
    @discardableResult
    func run(_ query: SQLQueryString, reads: Bool = false) async throws -> [any SQLRow] {
        try Task.checkCancellation()
        return try await ((reads ? group : nil) ?? database).raw(query).all()
    }

    /// The records the query returns, from its `record` column.
    func records<Record: StoredRecord>(_: Record.Type, _ query: SQLQueryString) async throws -> [Record] {
        let decoder = StorageJSON.decoder()
        return try await run(query, reads: true).map { row in try Self.record(Record.self, in: row, decoder) }
    }

    /// The record in `row`'s `record` column: decoded once per distinct JSON (``DecodedRecords``).
    ///
    /// - Throws: `StorageError.corrupt` naming the table and where the JSON does not decode.
    static func record<Record: StoredRecord>(_: Record.Type, in row: any SQLRow, _ decoder: JSONDecoder) throws -> Record {
        do {
            return try DecodedRecords.shared.record(Record.self, json: try row.decode(column: "record", as: String.self)) {
                try decoder.decode(Record.self, from: Data($0.utf8))
            }
        } catch let error as DecodingError {
            throw StorageError.corrupt("\(Record.storage.table): \(error.locationDescription)")
        }
    }

    /// How many rows the query returns (`… RETURNING 1` counts the rows a statement changed).
    func count(_ query: SQLQueryString) async throws -> Int {
        try await run(query).count
    }

    /// The first column of the query's one row, as a whole number.
    func integer(_ query: SQLQueryString) async throws -> Int {
        try await run(query, reads: true).first.map { row in try row.decode(column: row.allColumns[0], as: Int.self) } ?? 0
    }

    /// Runs `body` inside a transaction: this one, or a new one when the call stands alone. Inside a read group it
    /// is refused: what needs a transaction writes.
    func inTransaction<Result: Sendable>(_ body: @Sendable (SQLAccess) async throws -> Result) async throws -> Result {
        switch mode {
        case .transaction: return try await body(self)
        case .snapshot: throw StorageError.refused(StorageError.writeInsideRead)
        case .standalone:
            return try await driver.transaction { database in
                try await body(SQLAccess(database: database, driver: driver, mode: .transaction))
            }
        }
    }
}

/// The operations every table shares, built from the record catalogue: every value is a bound parameter, and the
/// only text spliced into SQL is a table or column name from the catalogue or this target.
extension SQLAccess: RecordStore {
    /// Inserts the row (and its list's rows, in one transaction).
    func insert<Record: StoredRecord>(_ record: Record) async throws {
        let row = try Row(record, json: driver.dialect.json)
        try await withList(of: record) { access in
            try await access.run(
                "INSERT INTO \(unsafeRaw: Record.storage.table) (\(unsafeRaw: row.names.joined(separator: ", "))) VALUES (\(row.values))")
        }
    }

    /// Updates the row with the record's id (in the record's account); `StorageError.notFound` when there is none.
    func update<Record: StoredRecord>(_ record: Record) async throws {
        let row = try Row(record, json: driver.dialect.json)
        // The id and the account stay; they find the row.
        let scope: SQLQueryString = Record.storage.account.map { " AND account_id = \(bind: $0(record))" } ?? ""
        try await withList(of: record) { access in
            let changed = try await access.count(
                "UPDATE \(unsafeRaw: Record.storage.table) SET \(row.assignments) WHERE id = \(bind: row.id)\(scope) RETURNING 1")
            guard changed == 1 else { throw StorageError.notFound("\(Record.storage.table) \(row.id)") }
        }
    }

    /// Inserts the row, or replaces the one with its id (and its list's rows, in one transaction).
    func upsert<Record: StoredRecord>(_ record: Record) async throws {
        let row = try Row(record, json: driver.dialect.json)
        let excluded = row.names.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        try await withList(of: record) { access in
            try await access.run(
                """
                INSERT INTO \(unsafeRaw: Record.storage.table) (\(unsafeRaw: row.names.joined(separator: ", "))) VALUES (\(row.values)) \
                ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: excluded)
                """)
        }
    }

    /// The record whose unique key `columns` holds `values`, in any account, locked for update inside a transaction.
    func unique<Record: StoredRecord>(_: Record.Type, key columns: [String], _ values: [String]) async throws -> Record? {
        try Record.storage.requireUniqueKey(columns)
        guard columns.count == values.count else { throw StorageError.refused("\(columns.count) columns, \(values.count) values") }
        let condition = zip(columns, values).map { column, value in "\(unsafeRaw: column) = \(bind: value)" as SQLQueryString }
            .joined(separator: " AND ")
        return try await first(Record.self, where: condition)
    }

    /// The record with `id` in `account`, locked for update inside a transaction.
    func find<Record: StoredRecord>(_: Record.Type, id: String, in account: Account.ID) async throws -> Record? {
        try Record.storage.requireAccountScope()
        return try await first(Record.self, where: "id = \(bind: id) AND account_id = \(bind: account.rawValue)")
    }

    /// The query as one statement; its columns are the catalogue's (``RecordQuery`` checked them). Text is ordered
    /// and ranged as bytes; equality needs no collation, so it keeps the column's own and its index.
    func all<Record: StoredRecord>(_ query: RecordQuery<Record>) async throws -> [Record] {
        try await all(Record.self, where: condition(of: query), orderBy: order(of: query), limit: query.limit)
    }

    /// `column`, with the dialect's byte order when it holds text.
    private func ordered<Record: StoredRecord>(_ column: String, of _: Record.Type) -> String {
        Record.storage.column(named: column)?.kind == .text ? column + driver.dialect.byteOrder : column
    }

    /// The query's `WHERE` condition: its account, then each filter, every value bound.
    func condition<Record: StoredRecord>(of query: RecordQuery<Record>) -> SQLQueryString {
        query.filters.reduce("account_id = \(bind: query.account.rawValue)" as SQLQueryString) { condition, filter in
            let (column, value) = (SQLQueryString(filter.column), Row.bind(filter.value))
            return switch (filter.comparison, filter.value.isEmpty) {
            case (.equal, true): "\(condition) AND \(column) IS NULL"
            case (.notEqual, true): "\(condition) AND \(column) IS NOT NULL"
            case (.equal, false): "\(condition) AND \(column) = \(value)"
            case (.notEqual, false): "\(condition) AND \(column) <> \(value)"
            case (.atLeast, _): "\(condition) AND \(unsafeRaw: ordered(filter.column, of: Record.self)) >= \(value)"
            case (.below, _): "\(condition) AND \(unsafeRaw: ordered(filter.column, of: Record.self)) < \(value)"
            }
        }
    }

    /// The query's `ORDER BY` columns, the id last.
    func order<Record: StoredRecord>(of query: RecordQuery<Record>) -> String {
        (query.order.map { "\(ordered($0.column, of: Record.self))\($0.descending ? " DESC" : "")" } + ["id"]).joined(separator: ", ")
    }

    /// The first record matching `condition`, locked when inside a transaction.
    func first<Record: StoredRecord>(_: Record.Type, where condition: SQLQueryString, lock: Lock = .forUpdate) async throws -> Record? {
        try await records(
            Record.self,
            "SELECT \(Self.recordColumn) FROM \(unsafeRaw: Record.storage.table) WHERE \(condition) LIMIT 1\(clause(lock))"
        ).first
    }

    /// Every record matching `condition`, in `order` (column names); never locked.
    func all<Record: StoredRecord>(
        _: Record.Type, where condition: SQLQueryString, orderBy order: String, limit: Int? = nil
    ) async throws -> [Record] {
        let limitClause: SQLQueryString = limit.map { " LIMIT \(literal: $0)" } ?? ""
        return try await records(
            Record.self,
            "SELECT \(Self.recordColumn) FROM \(unsafeRaw: Record.storage.table) WHERE \(condition) ORDER BY \(unsafeRaw: order)\(limitClause)")
    }

    /// The record's JSON as text, whatever type the column has: `SELECT \(recordColumn) FROM …`.
    static let recordColumn: SQLQueryString = "CAST(record AS text) AS record"

    /// Runs `write`, then replaces the rows of the record's list table (a customer's emails) with what the record
    /// lists now, both in one transaction; just `write` for a record without a list.
    private func withList<Record: StoredRecord>(of record: Record, _ write: @Sendable (SQLAccess) async throws -> Void) async throws {
        guard let list = Record.storage.list, let account = Record.storage.account?(record) else { return try await write(self) }
        let table = Record.storage.table
        let id = Record.storage.id(record)
        try await inTransaction { access in
            try await write(access)
            try await access.run("DELETE FROM \(unsafeRaw: table)_\(unsafeRaw: list.name) WHERE \(unsafeRaw: table)_id = \(bind: id)")
            for value in list.values(record).sorted() {
                try await access.run(
                    """
                    INSERT INTO \(unsafeRaw: table)_\(unsafeRaw: list.name) (account_id, \(unsafeRaw: list.name), \(unsafeRaw: table)_id) \
                    VALUES (\(bind: account), \(bind: value), \(bind: id))
                    """)
            }
        }
    }

    /// A record as a row: `id`, `account_id` where scoped, its columns, then `record` as JSON.
    private struct Row {
        let id: String
        var names = ["id"]
        var parts: [SQLQueryString] = []

        init<Record: StoredRecord>(_ record: Record, json jsonType: String) throws {
            try Record.storage.refuseNUL(in: record)
            id = Record.storage.id(record)
            parts.append("\(bind: id)")
            if let account = Record.storage.account {
                names.append("account_id")
                parts.append("\(bind: account(record))")
            }
            for column in Record.storage.columns {
                names.append(column.name)
                parts.append(Self.bind(column.value(record)))
            }
            names.append("record")
            let json = String(decoding: try StorageJSON.encoder(pretty: false).encode(record), as: UTF8.self)
            parts.append("CAST(\(bind: json) AS \(unsafeRaw: jsonType))")
        }

        var values: SQLQueryString { parts.joined(separator: ", ") }

        /// `name = value` for every column but the id.
        var assignments: SQLQueryString {
            zip(names, parts).dropFirst().map { name, part in "\(unsafeRaw: name) = \(part)" as SQLQueryString }.joined(separator: ", ")
        }

        static func bind(_ value: StoredValue) -> SQLQueryString {
            switch value {
            case .text(let text?): "\(bind: text)"
            case .integer(let number?): "\(bind: number)"
            case .bool(let flag): "\(bind: flag)"
            // Kept to the millisecond, like the record's JSON, so a column and its record never disagree.
            case .instant(let date?): "\(bind: date.storedPrecision)"
            case .text(nil), .integer(nil), .instant(nil): "NULL"
            }
        }
    }
}

extension Date {
    /// The instant to the millisecond, as every backend keeps it, so a column, its record and a bound instant agree.
    var storedPrecision: Date { StorageJSON.parse(StorageJSON.format(self)) ?? self }
}
