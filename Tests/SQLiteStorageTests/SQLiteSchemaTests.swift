import Foundation
import GRDB
import PortalKernel
import Synchronization
import Testing

@testable import SQLStorage
@testable import SQLiteStorage

@Suite("SQLite schema")
struct SQLiteSchemaTests {
    @Test("Migrating twice is safe; the file is in WAL mode with foreign keys enforced")
    func migrationsAndPragmas() async throws {
        let fixture = try await SQLiteFixture()
        try await fixture.storage.migrate()
        let queue = try DatabaseQueue(path: fixture.path)
        let mode = try await queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migration") }
        #expect(applied == SQLMigrations.all.count)
        // Foreign keys: a job for a customer that does not exist is refused.
        _ = try await fixture.seed()
        await #expect(throws: (any Error).self) {
            try await fixture.storage.jobs.insert(
                Job(accountID: SQLiteFixture.accountID, customerID: "nobody", title: "j", createdStage: .lead, createdAt: fixture.now))
        }
        try await fixture.tearDown()
    }

    @Test("#19: a file from before release 1's last migration is refused with what to do, and left as it was")
    func fileOlderThanReleaseOneIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("portal.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1: accounts, customers, jobs, proposals, invoices, leads, auth, outbox')")
            try db.execute(sql: "CREATE TABLE account (id TEXT PRIMARY KEY)")
        }
        try queue.close()
        let storage = try SQLiteStorage(path: path)
        await #expect(throws: StorageError.refused(
            "this SQLite file was written by a build older than release 1; open it with release 1 once, then with this one")
        ) {
            try await storage.migrate()
        }
        try await storage.close()
        let tables = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["account", "grdb_migrations"])
    }

    @Test("#21: the database records the release that last migrated it, once per release")
    func recordsTheMigratingRelease() async throws {
        let fixture = try await SQLiteFixture()
        try await fixture.storage.migrate()
        try await fixture.storage.close()
        let releases = { @Sendable in
            try await DatabaseQueue(path: fixture.path).read { db in try String.fetchAll(db, sql: "SELECT release FROM store_release") }
        }
        #expect(try await releases() == [PortalRelease.current])
        try await DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "UPDATE store_release SET release = '1.9.0', migrated_at = '2020-01-01T00:00:00.000Z'")
        }
        let reopened = try SQLiteStorage(path: fixture.path)
        try await reopened.migrate()
        try await reopened.close()
        #expect(try await releases() == ["1.9.0", PortalRelease.current])
    }

    @Test("#21: a database a newer release migrated is refused, naming that release, the schema versions and what to do, and left as it was")
    func newerSchemaIsRefused() async throws {
        let fixture = try await SQLiteFixture()
        _ = try await fixture.seed()
        try await fixture.storage.close()
        try await DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'from the future', 0)")
            try db.execute(sql: "INSERT INTO store_release (release, migrated_at) VALUES ('2.1.0', '9999-12-31T23:59:59.000Z')")
        }
        let older = try SQLiteStorage(path: fixture.path)
        await #expect { try await older.migrate() } throws: { error in
            let text = "\(error)"
            return text.contains("migrated by Client Portal 2.1.0") && text.contains("schema version 99") && text.contains("knows versions up to ")
                && text.contains(PortalRelease.current) && text.contains("Upgrade and rollback")
        }
        #expect(try await older.customers.all(in: SQLiteFixture.accountID).map(\.id) == ["cust-a"])
        try await older.close()
    }

    @Test("Each portal query is answered from an index, not a table scan")
    func portalQueriesUseIndexes() async throws {
        let statements = Mutex<[String]>([])
        let fixture = try await SQLiteFixture(trace: { sql in statements.withLock { $0.append(sql) } })
        let customer = try await fixture.seed()
        let store = fixture.storage
        // With each, the columns its plan must search by: an index that only sorts (the account's rows by id) reads
        // every row of the account, and did once, 10 times slower on a company of 100,000 invoices.
        let queries: [(name: String, table: String, searchedBy: [String], run: () async throws -> Void)] = [
            ("visible proposals", "proposal", ["customer_id=?"], { _ = try await store.proposals.portalCandidates(for: customer.id, in: SQLiteFixture.accountID) }),
            ("visible invoices", "invoice", ["customer_id=?"], { _ = try await store.invoices.portalCandidates(for: customer.id, in: SQLiteFixture.accountID) }),
            ("a customer's jobs", "job", ["customer_id=?"], { _ = try await store.jobs.all(for: customer.id, in: SQLiteFixture.accountID) }),
            ("an invoice's payments", "payment", ["invoice_id=?"], { _ = try await store.payments.all(for: "inv", in: SQLiteFixture.accountID) }),
            ("a job's proposals", "proposal", ["job_id=?"], { _ = try await store.proposals.all(for: "job", in: SQLiteFixture.accountID) }),
            ("leads by account", "lead", [], { _ = try await store.leads.all(in: SQLiteFixture.accountID) }),
            ("token by hash", "login_token", [], { _ = try await store.loginTokens.find(hash: "abc", in: SQLiteFixture.accountID) }),
            ("customers by email", "customer_email", [], { _ = try await store.customers.find(email: "cece@example.com", in: SQLiteFixture.accountID) }),
            ("due outbox", "outbox_message", [], { _ = try await store.outbox.due(at: fixture.now, limit: 10) }),
            ("failed outbox", "outbox_message", [], { _ = try await store.outbox.failures(in: SQLiteFixture.accountID) }),
            ("timeline", "audit_event", [], { _ = try await store.auditEvents.all(about: .proposal("p"), in: SQLiteFixture.accountID) }),
            ("latest activity", "audit_event", [], { _ = try await store.auditEvents.recent(in: SQLiteFixture.accountID, limit: 20) }),
            ("proposal link by hash", "proposal_link", [], { _ = try await store.proposalLinks.find(hash: "abc") }),
            ("API token by hash", "api_token", [], { _ = try await store.apiTokens.find(hash: "abc") }),
            ("staff by email", "staff_user", [], { _ = try await store.staffUsers.all(email: "alex@example.com") }),
        ]
        let queue = try DatabaseQueue(path: fixture.path)
        for query in queries {
            statements.withLock { $0.removeAll() }
            try await query.run()
            let selects = statements.withLock { $0 }.filter {
                $0.hasPrefix("SELECT") && ($0.contains("\"\(query.table)\"") || $0.contains(" \(query.table) "))
            }
            #expect(!selects.isEmpty, "\(query.name): no SELECT traced")
            for sql in selects {
                let plan = try await queue.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }
                }
                let tableSteps = plan.filter { $0.contains(" \(query.table)") }
                #expect(!tableSteps.isEmpty, "\(query.name): plan does not touch \(query.table): \(plan)")
                for step in tableSteps {
                    // SEARCH … USING INDEX: a look-up. SCAN would read the whole table (or index).
                    #expect(step.hasPrefix("SEARCH") && step.contains("USING"), "\(query.name): \(step)")
                    for column in query.searchedBy where step.contains(" \(query.table) ") {
                        #expect(step.contains(column), "\(query.name): \(step) does not search by \(column)")
                    }
                }
            }
        }
        try await fixture.tearDown()
    }

    @Test("The plugin creates the database folder and refuses an in-memory path, naming the key")
    func pluginFactory() async throws {
        var registry = PluginRegistry()
        SQLiteStoragePlugin.register(in: &registry)
        #expect(registry.storage.names == ["sqlite"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-plugin-\(UUID().uuidString)")
        let context = PluginContext(logger: .init(label: "test"), clock: SystemClock())
        let storage = try await registry.storage.make(
            "sqlite", settings: DictionarySettings(path: "storage", ["path": folder.appendingPathComponent("nested/db.sqlite").path]), context: context)
        try await storage.migrate()
        try await storage.ping()
        #expect(storage.driverName == "sqlite")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("nested/db.sqlite").path))
        try await storage.close()
        try? FileManager.default.removeItem(at: folder)

        await #expect(throws: ConfigurationError.invalidValue(key: "storage.path", problem: "must be a file path (WAL mode needs a file)")) {
            _ = try await registry.storage.make("sqlite", settings: DictionarySettings(path: "storage", ["path": ":memory:"]), context: context)
        }
    }
}
