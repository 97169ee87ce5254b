import PortalKernel
import PortalPluginKit
import SQLKit

/// A store on an SQL database: the repositories, schema and migrations of this target over a driver's pool and
/// transactions. `SQLiteStorage` and `PostgresStorage` are this class with their drivers.
open class SQLStorage: PortalStorage, StandaloneRepositories, @unchecked Sendable {
    /// The database under the store: its pool, transactions, snapshots and dialect.
    public let driver: any SQLDriver
    /// At most ``SQLDriver/readGroups`` groups hold a connection at once, so a connection is always left.
    private let readGroups: AsyncSemaphore

    /// A store over `driver`, not yet migrated (``migrate()``); read groups are limited to ``SQLDriver/readGroups``.
    public init(driver: any SQLDriver) {
        (self.driver, readGroups) = (driver, AsyncSemaphore(limit: driver.readGroups))
    }

    /// The driver's name (`sqlite`, `postgres`), as `/health` shows it.
    public var driverName: String { driver.name }

    /// Brings the schema up to date in one transaction; records of a former table design the driver hands back
    /// are written into the new tables in that same transaction.
    public func migrate() async throws {
        try await driver.transaction { [driver] database in
            let access = SQLAccess(database: database, driver: driver, mode: .transaction)
            let carried = try await driver.prepareMigration(database)
            try await SQLMigrations.run(access)
            if let carried { try await SQLRepositories(access: access).insertAll(of: carried) }
        }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result {
        try await driver.transaction { [driver] database in
            try await body(SQLRepositories(access: SQLAccess(database: database, driver: driver, mode: .transaction)))
        }
    }

    /// A read group (``snapshot(_:)``); inside it, the store's own reads see its snapshot too (``ReadGroupScope``).
    public func read<Result: Sendable>(_ body: @Sendable (any Repositories) async throws -> Result) async throws -> Result {
        try await snapshot { access in try await body(SQLRepositories(access: access)) }
    }

    /// Every record, each table in id order, read in one snapshot so the dump is one moment's data.
    public func exportDump() async throws -> StorageDump {
        try await snapshot { access in
            var dump = StorageDump()
            for type in RecordCatalogue.all { try await Self.read(type, into: &dump, access) }
            return dump
        }
    }

    /// Runs `body` in this store's open read group, or a new one that waits at most 10 s for a connection, else refused.
    private func snapshot<Result: Sendable>(_ body: @Sendable (SQLAccess) async throws -> Result) async throws -> Result {
        if let open = ReadGroupScope.snapshot(for: self, as: (any SQLDatabase).self) {
            return try await body(SQLAccess(database: open, driver: driver, mode: .snapshot))
        }
        do {
            return try await withoutActuallyEscaping(body) { body in
                try await readGroups.withGate(waitingAtMost: .seconds(10)) { [driver] in
                    try await driver.snapshot { database in
                        try await ReadGroupScope.run(owner: self, snapshot: database) {
                            try await body(SQLAccess(database: database, driver: driver, mode: .snapshot))
                        }
                    }
                }
            }
        } catch is AsyncSemaphore.NotAdmitted { throw StorageError.unavailable("every connection is busy; try again") }
    }

    private static func read<Record: StoredRecord>(_: Record.Type, into dump: inout StorageDump, _ access: SQLAccess) async throws {
        if Record.storage.dump != nil { dump[Record.self] = try await access.all(Record.self, where: "true", orderBy: "id") }
    }

    public func ping() async throws {
        try await standaloneAccess.run("SELECT 1")
    }

    public func close() async throws {
        try await driver.close()
    }

    var standaloneAccess: SQLAccess {
        SQLAccess(
            database: driver.standalone, driver: driver, mode: .standalone,
            group: ReadGroupScope.snapshot(for: self, as: (any SQLDatabase).self))
    }

    /// The repositories for calls outside a transaction: each statement is a transaction of its own, or runs on the
    /// read group's snapshot inside ``read(_:)``.
    public var standalone: any Repositories { SQLRepositories(access: standaloneAccess) }
}
