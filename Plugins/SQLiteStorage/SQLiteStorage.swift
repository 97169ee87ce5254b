import Foundation
import GRDB
import PortalKernel
import SQLStorage

/// The embedded default storage: one SQLite file in WAL mode, the SQL core over GRDB and the system libsqlite3
/// (``SQLiteDriver``).
public final class SQLiteStorage: SQLStorage, PluginLocation, @unchecked Sendable {
    /// WAL readers open at most at once (GRDB's default is 5).
    static let readers = 8

    /// The connections, kept for the online backup (``SQLiteStorage+Backup.swift``).
    let pool: DatabasePool
    /// The database file, absolute (``PluginLocation``).
    public let location: String

    /// Opens (creating when needed) the database at `path`. `":memory:"` is not supported: WAL needs a file.
    public convenience init(path: String) throws {
        try self.init(path: path, prepareConnection: nil)
    }

    /// `prepareConnection` runs on every new connection (tests use it to trace the SQL the repositories run).
    init(path: String, prepareConnection: (@Sendable (Database) throws -> Void)?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second process on the file (a rolling restart, a command run beside the server) waits its turn: a busy
        // machine may hold a transaction for seconds, and waiting costs less than a refused request.
        configuration.busyMode = .timeout(30)
        // Portal transactions are async: BEGIN and COMMIT happen in separate writer accesses, kept exclusive by
        // the driver's gate.
        configuration.allowsUnsafeTransactions = true
        configuration.label = "portal"
        configuration.maximumReaderCount = Self.readers
        if let prepareConnection { configuration.prepareDatabase(prepareConnection) }
        pool = try DatabasePool(path: path, configuration: configuration)
        location = URL(fileURLWithPath: path).standardizedFileURL.path
        super.init(driver: SQLiteDriver(pool: pool))
    }
}
