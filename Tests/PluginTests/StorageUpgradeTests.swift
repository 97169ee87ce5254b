import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import PostgresStorage
import SQLiteStorage
import Testing

/// #19, "existing data moves forward": stores written by an earlier release open, migrate in place and serve exactly
/// the same records. `Fixtures/release-1` was made by the release of 2026-11-29: `portal demo`, then a client's
/// login, a card payment and a lead through the running portal; `dump.json` is its `portal export`, `portal.sqlite`
/// the SQLite file and `postgres.sql` a `pg_dump` of the same dump imported into PostgreSQL.
@Suite("Stores of earlier releases open and keep every record")
struct StorageUpgradeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The dump `storage` exports, as `portal export` writes it and reads it back.
    static func exported(_ storage: any PortalStorage) async throws -> StorageDump {
        let text = try StorageJSON.encoder(pretty: true).encode(try await storage.exportDump())
        return try StorageJSON.decoder().decode(StorageDump.self, from: text).canonical
    }

    /// The dump the release exported, read by this one: a field added since (the account's visit settings, #23)
    /// reads as its default, as it does from the store.
    static func expected(_ release: String) throws -> StorageDump {
        let text = try Data(contentsOf: fixtures.appendingPathComponent("\(release)/dump.json"))
        return try StorageJSON.decoder().decode(StorageDump.self, from: text).canonical
    }

    @Test("#19: a SQLite file of release 1 migrates in place and exports the dump it exported then")
    func sqliteOfRelease1() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("portal.sqlite")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("release-1/portal.sqlite"), to: file)
        let storage = try SQLiteStorage(path: file.path)
        try await storage.migrate()
        let dump = try await Self.exported(storage)
        try await storage.close()
        #expect(dump == (try Self.expected("release-1")))
    }

    @Test("#19: a PostgreSQL schema of release 1 migrates in place and exports the dump it exported then", .enabled(if: PostgresTestServer.isAvailable))
    func postgresOfRelease1() async throws {
        let server = try PostgresTestServer.shared()
        let database = "upgrade_\(UUID().uuidString.lowercased().filter(\.isHexDigit))"
        try server.restore(Self.fixtures.appendingPathComponent("release-1/postgres.sql"), into: database)
        let storage = try await PostgresStorage(
            host: "127.0.0.1", port: server.port, database: database, user: server.user, password: server.password, logger: Logger(label: "test"))
        try await storage.migrate()
        let dump = try await Self.exported(storage)
        try await storage.close()
        #expect(dump == (try Self.expected("release-1")))
    }
}
