import Foundation
import PortalKernel
import PostgresNIO

/// The operations every table shares, built from ``PostgresRecord``: every value is a bound parameter, and the
/// only text spliced into SQL is a table or column name from this plugin's own code.
extension PostgresAccess {
    func insert<Record: PostgresRecord>(_ record: Record) async throws {
        let (names, binds) = try Self.row(of: record)
        let placeholders = (1...binds.count).map { $0 == binds.count ? "$\($0)::jsonb" : "$\($0)" }
        try await run(
            PostgresQuery(
                unsafeSQL: "INSERT INTO \(Record.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))",
                binds: binds))
    }

    /// Updates the row with the record's id (in the record's account); `StorageError.notFound` when there is none.
    func update<Record: PostgresRecord>(_ record: Record) async throws {
        let (names, binds) = try Self.row(of: record)
        // $1 is the id, $2 the account (when scoped); every column but the id is set.
        let assignments = names.enumerated().dropFirst().map { index, name in
            name == "record" ? "record = $\(index + 1)::jsonb" : "\(name) = $\(index + 1)"
        }
        let scope = Record.isAccountScoped ? " AND account_id = $2" : ""
        let changed = try await count(
            PostgresQuery(
                unsafeSQL: "UPDATE \(Record.table) SET \(assignments.joined(separator: ", ")) WHERE id = $1\(scope) RETURNING 1",
                binds: binds))
        guard changed == 1 else { throw StorageError.notFound("\(Record.table) \(record.rowID)") }
    }

    /// Inserts the row, or replaces the one with its id.
    func upsert<Record: PostgresRecord>(_ record: Record) async throws {
        let (names, binds) = try Self.row(of: record)
        let placeholders = (1...binds.count).map { $0 == binds.count ? "$\($0)::jsonb" : "$\($0)" }
        let assignments = names.dropFirst().map { "\($0) = EXCLUDED.\($0)" }
        try await run(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(Record.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))
                    ON CONFLICT (id) DO UPDATE SET \(assignments.joined(separator: ", "))
                    """,
                binds: binds))
    }

    /// The record with `id` in `account`, locked when inside a transaction.
    func find<Record: PostgresRecord>(_: Record.Type, id: String, in account: Account.ID) async throws -> Record? {
        try await first(Record.self, where: "id = $1 AND account_id = $2", [id, account.rawValue])
    }

    /// The first record matching `condition` (its parameters `$1`, `$2`… are `values`), locked when inside a
    /// transaction.
    func first<Record: PostgresRecord>(
        _: Record.Type, where condition: String, _ values: [String], lock: Lock = .forUpdate
    ) async throws -> Record? {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        let rows: [Record] = try await records(
            PostgresQuery(unsafeSQL: "SELECT record::text FROM \(Record.table) WHERE \(condition) LIMIT 1\(lockClause(lock))", binds: binds))
        return rows.first
    }

    /// Every record matching `condition`, in `order`; never locked.
    func all<Record: PostgresRecord>(
        _: Record.Type, where condition: String, _ values: [String], orderBy order: String, limit: Int? = nil
    ) async throws -> [Record] {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try await records(
            PostgresQuery(
                unsafeSQL: "SELECT record::text FROM \(Record.table) WHERE \(condition) ORDER BY \(order)\(limitClause)", binds: binds))
    }

    /// The column names and bound values of `record`: `id`, its columns, then `record` as JSON text.
    private static func row<Record: PostgresRecord>(of record: Record) throws -> ([String], PostgresBindings) {
        var names = ["id"]
        var binds = PostgresBindings()
        binds.append(record.rowID)
        for (name, value) in record.columns {
            names.append(name)
            binds.append(value)
        }
        names.append("record")
        binds.append(String(decoding: try StorageJSON.encoder(pretty: false).encode(record), as: UTF8.self))
        return (names, binds)
    }
}
