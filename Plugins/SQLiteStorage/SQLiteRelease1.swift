import GRDB
import PortalKernel

// Release 1 kept each record in columns named after its properties (nested values as JSON), through GRDB's
// `Codable` records, with GRDB's migrator. Its files are read here once, whole, and move to the SQL core's tables.

/// A record of release 1, read through GRDB's `Codable` row decoding, as release 1 wrote it.
private struct Release1Row<Record: Decodable>: FetchableRecord, Decodable {
    let record: Record

    init(from decoder: any Decoder) throws {
        record = try Record(from: decoder)
    }
}

enum SQLiteRelease1 {
    /// Release 1's last migration: a file that has it holds every table below in its final shape.
    static let lastMigration = "v8: rate limits, login lockouts and payment claims"

    /// Release 1's tables, children before parents, so each drops without breaking a reference.
    static let tables = [
        "counter", "apiToken", "proposalLink", "auditEvent", "outboxMessage", "session", "loginToken", "lead", "payment", "invoice",
        "proposal", "job", "customerEmail", "customer", "staffUser", "account", "grdb_migrations",
    ]

    /// Every record of a release-1 file, after which its tables are gone; `nil` for any other file. Rate-limit
    /// counters are not carried: they expire within the hour anyway. A file from before release 1's last
    /// migration is refused, with what to do.
    static func takeRecords(_ db: Database) throws -> StorageDump? {
        guard try db.tableExists("grdb_migrations") else { return nil }
        let applied = try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
        guard applied.contains(lastMigration) else {
            throw StorageError.refused(
                "this SQLite file was written by a build older than release 1; open it with release 1 once, then with this one")
        }
        func all<Record: Decodable>(_ table: String) throws -> [Record] {
            try Release1Row<Record>.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map(\.record)
        }
        let dump = StorageDump(
            accounts: try all("account"), staffUsers: try all("staffUser"), customers: try all("customer"), jobs: try all("job"),
            proposals: try all("proposal"), invoices: try all("invoice"), payments: try all("payment"), leads: try all("lead"),
            loginTokens: try all("loginToken"), sessions: try all("session"), outbox: try all("outboxMessage"),
            auditEvents: try all("auditEvent"), proposalLinks: try all("proposalLink"), apiTokens: try all("apiToken"))
        for table in tables { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
        return dump
    }
}
