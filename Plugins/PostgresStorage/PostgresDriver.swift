import Foundation
import Logging
import NIOPosix
import PortalKernel
import PostgresKit
import PostgresNIO
import SQLStorage

/// The SQL core's driver for PostgreSQL: postgres-nio's pool, transactions that lock the rows they read by key and
/// run again after a lost deadlock, and PostgreSQL's column types.
struct PostgresDriver: SQLDriver {
    let name = "postgres"
    let client: PostgresClient
    let logger: Logger
    let schema: String
    /// Sees every statement sent, for tests that count trips and statements.
    let trace: (@Sendable (PostgresTrace) -> Void)?
    /// One connection of the pool stays free for statements on their own.
    let readGroups: Int
    private let runner: Task<Void, Never>
    static let attempts = 8  // Runs of a transaction before a lost deadlock is reported.
    /// Instances that start at once migrate one after another under this advisory lock: the first does the work.
    static let migrationLock: Int64 = 0x706F_7274_616C  // "portal"

    init(settings: PostgresSettings, logger: Logger, trace: (@Sendable (PostgresTrace) -> Void)? = nil) {
        let client = PostgresClient(configuration: settings.clientConfiguration(), backgroundLogger: logger)
        // Started at once, so the client is running before the first query asks it for a connection.
        runner = Task.immediate { await client.run() }
        (self.client, self.logger, self.trace) = (client, logger, trace)
        (schema, readGroups) = (settings.schema, settings.poolSize - 1)
    }

    let dialect = SQLStorageDialect(
        text: "text COLLATE \"C\"", byteOrder: " COLLATE \"C\"", integer: "integer", bool: "boolean", instant: "timestamptz", json: "jsonb", locksRows: true,
        keyLock: { key in "SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))" })

    var standalone: any SQLDatabase { PostgresSQLDatabase(source: .pool(client), logger: logger, trace: trace) }

    /// READ COMMITTED, rows locked by key as they are read; a transaction that loses a deadlock or a serialization
    /// to another is rolled back and run again, a few times, after a short random pause.
    func transaction<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await once("BEGIN", body)
            } catch let error as PostgresRetryableError where attempt < Self.attempts {
                logger.debug("Transaction lost to a concurrent one; running it again", metadata: ["reason": "\(error.message)"])
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            } catch let error as PostgresRetryableError {
                throw StorageError.unavailable("a transaction kept losing to concurrent ones: \(error.message)")
            }
        }
    }

    /// REPEATABLE READ READ ONLY: every statement sees the moment of the first; nothing can be written.
    func snapshot<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await once("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func once<Result: Sendable>(
        _ begin: PostgresQuery, _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        let logger = logger
        // Every failure, a connection the pool cannot make included, reaches the caller as a `StorageError`.
        return try await mapErrors {
            try await client.withConnection { connection in
                trace?(PostgresTrace(sql: begin.sql, inTransaction: false))
                try await connection.query(begin, logger: logger)
                do {
                    let result = try await body(PostgresSQLDatabase(source: .connection(connection), logger: logger, trace: trace))
                    // A task cancelled after its last statement still must not commit.
                    try Task.checkCancellation()
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    // From an unstructured task, which a cancelled request's task does not cancel.
                    await Task { _ = try? await connection.query("ROLLBACK", logger: logger) }.value
                    throw error
                }
            }
        }
    }

    func prepareMigration(_ database: any SQLDatabase) async throws -> StorageDump? {
        try await database.raw("SELECT pg_advisory_xact_lock(\(bind: Self.migrationLock))").run()
        // The connections' search_path names the schema (checked as an identifier by the settings); `public` exists
        // in every database.
        try await database.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        return nil
    }

    func close() async throws {
        runner.cancel()
        await runner.value
    }
}

/// One statement the driver sent, as tests see it: a transaction's `BEGIN` and a statement run on its own are each
/// a trip to the server (`inTransaction` false); a statement inside a transaction is not.
struct PostgresTrace: Sendable {
    let sql: String
    let inTransaction: Bool
}

/// postgres-kit's `SQLDatabase` on a pooled connection per statement, or on a transaction's connection, with
/// PostgreSQL's errors mapped to ``StorageError``. Statements are not logged: their values hold personal data.
struct PostgresSQLDatabase: SQLDatabase {
    enum Source: Sendable {
        case pool(PostgresClient)
        case connection(PostgresConnection)
    }

    let source: Source
    let logger: Logger
    let trace: (@Sendable (PostgresTrace) -> Void)?
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    var eventLoop: any EventLoop {
        switch source {
        case .pool: MultiThreadedEventLoopGroup.singleton.any()
        case .connection(let connection): connection.eventLoop
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await mapErrors {
            switch source {
            case .pool(let client):
                trace?(PostgresTrace(sql: serialize(query).sql, inTransaction: false))
                try await client.withConnection { connection in try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow) }
            case .connection(let connection):
                trace?(PostgresTrace(sql: serialize(query).sql, inTransaction: true))
                try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
            }
        }
    }
}

/// Turns PostgreSQL's constraint errors into the kernel's ``StorageError``, the same on every backend, and a lost
/// server into `.unavailable`.
func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PSQLError {
        throw StorageError.from(error)
    }
}

extension StorageError {
    static func from(_ error: PSQLError) -> any Error {
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        // Unique and foreign-key violations; a serialization failure or a deadlock (run the transaction again).
        switch error.serverInfo?[.sqlState] {
        case "23505": return StorageError.duplicate(message)
        case "23503": return StorageError.missingReference(message)
        case "40001", "40P01": return PostgresRetryableError(message: message)
        // Connection lost, server short of resources or shutting down: may pass. Anything else will not.
        case let state? where ["08", "53", "57"].contains(String(state.prefix(2))): return StorageError.unavailable("PostgreSQL: \(message)")
        case .some: return StorageError.refused("PostgreSQL: \(message)")
        case .none: return StorageError.unavailable("PostgreSQL: \(PostgresStartupError.reason(error))")
        }
    }
}

/// A transaction lost to a concurrent one (a deadlock or a serialization failure): run again.
struct PostgresRetryableError: Error {
    let message: String
}
