import PortalKernel
import SQLKit

/// What a database brings to the SQL core (#19): a connection pool, transactions and a dialect. SQLite (GRDB) and
/// PostgreSQL (postgres-nio) are the two drivers; the repositories, the schema and the migrations are written once,
/// in this target, against `SQLDatabase` from vapor/sql-kit. Every `SQLDatabase` a driver hands out maps its
/// database's errors to ``StorageError``: a unique key taken is `.duplicate`, a missing reference
/// `.missingReference`, a lost server `.unavailable`.
public protocol SQLDriver: Sendable {
    /// `sqlite` or `postgres`: the `storage.driver` setting.
    var name: String { get }
    var dialect: SQLStorageDialect { get }
    /// Statements on their own, outside any transaction: each is its own transaction.
    var standalone: any SQLDatabase { get }
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws (or its task is
    /// cancelled). A driver whose transactions run side by side runs `body` again after a lost deadlock.
    func transaction<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result
    /// How many read groups may hold a connection at once: fewer than the connections, so one is always left.
    var readGroups: Int { get }
    /// Runs `body`'s statements in one read-only transaction that sees one moment's data, on one connection.
    func snapshot<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result
    /// Inside the migration's transaction, before any migration: keeps other instances from migrating at once, and
    /// returns the records of a former table design it removed, for the core to write back once the tables exist.
    func prepareMigration(_ database: any SQLDatabase) async throws -> StorageDump?
    func close() async throws
}

/// Where the two databases' SQL differs. Everything else (placeholders, quoting) is sql-kit's `SQLDialect`.
public struct SQLStorageDialect: Sendable {
    /// Column types: ids and other text, whole numbers, flags, instants, the record's JSON.
    public let text: String
    /// What makes text compare as bytes where a column may not (`COLLATE "C"` on PostgreSQL, whose release-1
    /// schema has text columns in the database's collation); empty where text always compares as bytes.
    public let byteOrder: String
    /// The column type of whole numbers (`INTEGER` on SQLite, `integer` on PostgreSQL).
    public let integer: String
    /// The column type of flags (`INTEGER` on SQLite, `boolean` on PostgreSQL).
    public let bool: String
    /// The column type of instants (`TEXT` on SQLite, `timestamptz` on PostgreSQL).
    public let instant: String
    /// The column type of the record's JSON (`TEXT` on SQLite, `jsonb` on PostgreSQL).
    public let json: String
    /// Whether transactions run side by side and lock the rows they read by key (`FOR NO KEY UPDATE`). Where they
    /// run one at a time (SQLite), no lock is needed.
    public let locksRows: Bool
    /// A statement that holds `key` until the transaction ends, for a record that may not exist yet (a counter);
    /// `nil` where transactions run one at a time.
    public let keyLock: (@Sendable (String) -> SQLQueryString)?

    /// Memberwise; each driver has one (`SQLiteDriver`, `PostgresDriver`).
    public init(
        text: String, byteOrder: String, integer: String, bool: String, instant: String, json: String, locksRows: Bool,
        keyLock: (@Sendable (String) -> SQLQueryString)?
    ) {
        (self.text, self.byteOrder, self.integer, self.bool, self.instant, self.json) = (text, byteOrder, integer, bool, instant, json)
        (self.locksRows, self.keyLock) = (locksRows, keyLock)
    }

    func type(of kind: StoredValue.Kind) -> String {
        switch kind {
        case .text: text
        case .integer: integer
        case .bool: bool
        case .instant: instant
        }
    }
}
