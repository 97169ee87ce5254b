import GRDB
import PortalKernel
import PortalPluginKit
import SQLKit
import SQLStorage

/// The SQL core's driver for SQLite: one writer at a time behind a gate (so transactions need no row locks),
/// readers on WAL snapshots, and SQLite's column types (instants as ISO 8601 text, which sorts as time does).
struct SQLiteDriver: SQLDriver {
    let name = "sqlite"
    let pool: DatabasePool
    let gate = AsyncSemaphore()

    let dialect = SQLStorageDialect(
        text: "TEXT", byteOrder: "", integer: "INTEGER", bool: "INTEGER", instant: "TEXT", json: "TEXT", locksRows: false, keyLock: nil)

    let readGroups = SQLiteStorage.readers - 2  // Two readers stay free for reads on their own.

    var standalone: any SQLDatabase { GRDBDatabase(pool: pool, mode: .standalone(gate)) }

    func transaction<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await withoutActuallyEscaping(body) { body in
            try await gate.withGate { [pool] in
                try await mapErrors { try await pool.writeWithoutTransaction { db in try db.beginTransaction(.immediate) } }
                do {
                    let result = try await body(GRDBDatabase(pool: pool, mode: .transaction))
                    // A task cancelled after its last statement still must not commit.
                    try Task.checkCancellation()
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

    /// One read transaction on one WAL reader for the whole group (``ReaderLease``).
    func snapshot<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        let lease = ReaderLease()
        // Unstructured, so a cancelled caller still lets the reader go: its statements fail, the group ends.
        let reader = Task { [pool] in
            do {
                try await pool.read { db in lease.serve(db) }
            } catch {
                lease.finish(error)
            }
        }
        do {
            let result = try await body(GRDBDatabase(pool: pool, mode: .snapshot(lease)))
            lease.finish(CancellationError())
            await reader.value
            return result
        } catch {
            lease.finish(error)
            await reader.value
            throw error
        }
    }

    /// A file written by release 1 (GRDB's own table design) is read whole and its tables dropped; the core then
    /// creates the new tables and writes the records back, all in the migration's transaction.
    func prepareMigration(_ database: any SQLDatabase) async throws -> StorageDump? {
        try await mapErrors { try await pool.writeWithoutTransaction { db in try SQLiteRelease1.takeRecords(db) } }
    }

    func close() async throws {
        try pool.close()
    }
}
