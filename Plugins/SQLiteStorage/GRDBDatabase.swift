import Foundation
import GRDB
import Logging
import NIOCore
import NIOPosix
import PortalKernel
import PortalPluginKit
import SQLKit

/// sql-kit's `SQLDatabase` over a GRDB pool, so the SQL core runs on the system libsqlite3.
///
/// Outside a transaction a `SELECT` goes to a WAL reader and any other statement is its own transaction on the
/// writer, after the gate; inside one, everything goes to the writer, whose gate the transaction holds; inside a
/// read group, everything goes to the group's reader, which refuses writes.
struct GRDBDatabase: SQLDatabase {
    enum Mode: Sendable {
        case standalone(AsyncSemaphore)
        case transaction
        case snapshot(ReaderLease)  // A read group's reader: every statement in one read transaction.
    }

    let pool: DatabasePool
    let mode: Mode
    var logger: Logger { Logger(label: "portal.sqlite") }
    var dialect: any SQLDialect { GRDBDialect() }
    var queryLogLevel: Logger.Level? { nil }
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }

    func execute(sql query: any SQLKit.SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLKit.SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        let arguments = StatementArguments(try binds.map(Self.databaseValue))
        let fetch: @Sendable (Database) throws -> [GRDBRow] = { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(GRDBRow.init)
        }
        let rows = try await mapErrors {
            switch mode {
            case .standalone where sql.hasPrefix("SELECT"): try await pool.read(fetch)
            case .standalone(let gate): try await gate.withGate { try await pool.write(fetch) }
            case .transaction: try await pool.writeWithoutTransaction(fetch)
            case .snapshot(let lease): try await lease.run(fetch)
            }
        }
        for row in rows { onRow(row) }
    }

    /// The values the SQL core binds; an instant as the record's JSON writes it, which sorts as time does.
    static func databaseValue(_ bind: any Encodable & Sendable) throws -> DatabaseValue {
        switch bind {
        case let text as String: text.databaseValue
        case let number as Int: number.databaseValue
        case let flag as Bool: flag.databaseValue
        case let instant as Date: StorageJSON.format(instant).databaseValue
        default: throw StorageError.refused("SQLite: no binding for \(type(of: bind))")
        }
    }
}

/// A row read by GRDB, copied out of its statement.
struct GRDBRow: SQLRow {
    let allColumns: [String]
    let values: [DatabaseValue]

    init(_ row: Row) {
        allColumns = Array(row.columnNames)
        values = Array(row.databaseValues)
    }

    func contains(column: String) -> Bool { allColumns.contains(column) }

    func decodeNil(column: String) throws -> Bool { value(column).isNull }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let convertible = D.self as? any DatabaseValueConvertible.Type,
            let value = convertible.fromDatabaseValue(value(column)) as? D
        else { throw StorageError.corrupt("column \(column) is not a \(D.self)") }
        return value
    }

    private func value(_ column: String) -> DatabaseValue {
        allColumns.firstIndex(of: column).map { values[$0] } ?? .null
    }
}

/// SQLite's SQL as sql-kit writes it: `?` placeholders, `"` around names, `ON CONFLICT` upserts, `RETURNING`.
struct GRDBDialect: SQLDialect {
    var name: String { "sqlite" }
    var identifierQuote: any SQLKit.SQLExpression { SQLRaw("\"") }
    var supportsAutoIncrement: Bool { true }
    var autoIncrementClause: any SQLKit.SQLExpression { SQLRaw("AUTOINCREMENT") }
    func bindPlaceholder(at position: Int) -> any SQLKit.SQLExpression { SQLRaw("?") }
    func literalBoolean(_ value: Bool) -> any SQLKit.SQLExpression { SQLRaw(value ? "1" : "0") }
    var supportsReturning: Bool { true }
    var upsertSyntax: SQLUpsertSyntax { .standard }
}

/// SQLite's errors as the kernel's ``StorageError``: constraints, busy (`unavailable`), a write in a read group.
func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            throw StorageError.duplicate(error.message ?? "unique constraint")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            throw StorageError.missingReference(error.message ?? "foreign key")
        default:
            throw error
        }
    } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
        throw StorageError.unavailable("SQLite: \(error.message ?? "the database is busy")")
    } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {  // Only a read group's reader is.
        throw StorageError.refused(StorageError.writeInsideRead)
    } catch let error as DecodingError {
        throw StorageError.corrupt(String(describing: error))
    }
}
