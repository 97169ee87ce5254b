import Foundation
import GRDB
import PortalKernel

/// The embedded default storage: one SQLite file in WAL mode, over GRDB and the system libsqlite3.
public final class SQLiteStorage: PortalStorage, StandaloneRepositories {
    public let driverName = "sqlite"
    private let pool: DatabasePool
    private let gate = SerialGate()

    /// Opens (creating when needed) the database at `path`. `":memory:"` is not supported: WAL needs a file.
    public convenience init(path: String) throws {
        try self.init(path: path, prepareConnection: nil)
    }

    /// `prepareConnection` runs on every new connection (tests use it to trace the SQL the repositories run).
    init(path: String, prepareConnection: (@Sendable (Database) throws -> Void)?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // Portal transactions are async: BEGIN and COMMIT happen in separate writer accesses, kept exclusive by
        // the write gate.
        configuration.allowsUnsafeTransactions = true
        configuration.label = "portal"
        if let prepareConnection { configuration.prepareDatabase(prepareConnection) }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        try await gate.withGate { [pool] in try SQLiteMigrations.migrator.migrate(pool) }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result {
        try await withoutActuallyEscaping(body) { body in
            try await gate.withGate { [pool] in
                try await pool.writeWithoutTransaction { db in try db.beginTransaction(.immediate) }
                do {
                    let result = try await body(SQLiteRepositories(access: SQLiteAccess(pool: pool, mode: .inTransaction)))
                    try await mapErrors { try await pool.writeWithoutTransaction { db in try db.commit() } }
                    return result
                } catch {
                    // GRDB refuses to run a block for a cancelled task, and a request's task is cancelled when its
                    // client goes away: roll back from an unstructured task, which does not inherit cancellation.
                    await Task {
                        try? await pool.writeWithoutTransaction { db in
                            if db.isInsideTransaction { try db.rollback() }
                        }
                    }.value
                    throw error
                }
            }
        }
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func close() async throws {
        try pool.close()
    }

    /// Where reads outside a transaction go.
    var reader: DatabasePool { pool }

    public var standalone: any Repositories { SQLiteRepositories(access: SQLiteAccess(pool: pool, mode: .standalone(gate))) }
}
