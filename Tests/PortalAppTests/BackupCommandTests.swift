import Foundation
import PortalTestSupport
import Testing

/// `portal backup` and `portal restore` as an operator runs them (#21).
@Suite("Backup and restore commands", .serialized)
struct BackupCommandTests {
    let runner = ExecutableTests()

    func portal(_ arguments: String...) async throws -> (status: Int32, stderr: String, stdout: String) {
        try await runner.run(arguments)
    }

    func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// The demo company in a new store of `driver` named `name`, backed up into the folder `name-backups`: the
    /// store's config and the backup's path.
    func backedUpDemo(_ fixture: AppFixture, _ name: String, driver: String) async throws -> (config: String, backup: String) {
        let config = try fixture.storeConfig(name, driver: driver)
        let folder = fixture.folder.appendingPathComponent("\(name)-backups")
        #expect(try await portal("demo", "--config", config).status == 0)
        let result = try await portal("backup", "--config", config, "--to", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let name = try #require(try contents(folder).first)
        return (config, folder.appendingPathComponent(name).path)
    }

    @Test("portal backup names the file by UTC time, keeps the newest N and leaves every other file alone")
    func keepsTheNewest() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let store = try fixture.storeConfig("store", driver: "sqlite")
        #expect(try await portal("demo", "--config", store).status == 0)
        let folder = fixture.folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let others = ["notes.txt", "portal-latest.sqlite", "portal-20200101T000000Z.sqlite.bak", "my-portal-20200101T000000Z.sqlite"]
        for name in others + ["portal-20200101T000000Z.sqlite", "portal-20200102T000000Z.sqlite", "portal-20200103T000000Z.json"] {
            try Data("not mine".utf8).write(to: folder.appendingPathComponent(name))
        }

        let result = try await portal("backup", "--config", store, "--to", folder.path, "--keep", "2")
        #expect(result.status == 0, "\(result.stderr)")
        let written = try #require(try contents(folder).first { $0.wholeMatch(of: /portal-\d{8}T\d{6}Z\.sqlite/) != nil && !$0.hasPrefix("portal-2020") })
        #expect(result.stdout.contains(written))
        #expect(result.stdout.contains("portal-20200101T000000Z.sqlite"), "says what it deleted")
        #expect(try contents(folder) == (others + ["portal-20200102T000000Z.sqlite", "portal-20200103T000000Z.json", written]).sorted())
        let header = try Data(contentsOf: folder.appendingPathComponent(written)).prefix(16)
        #expect(header == Data("SQLite format 3\0".utf8))

        let once = try await portal("backup", "--config", store, "--to", folder.path, "--keep", "1")
        #expect(once.status == 0, "\(once.stderr)")
        #expect(try contents(folder).filter { $0.hasSuffix(".sqlite") && $0.hasPrefix("portal-2") }.count == 1, "keeps one, the newest")
        #expect(try await portal("backup", "--config", store, "--to", folder.path, "--keep", "0").status != 0)
    }

    @Test("An SQLite backup restores into an empty SQLite store, checked; a store with records is refused (exit 1, no usage) and unchanged")
    func restoresSQLite() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (store, backup) = try await backedUpDemo(fixture, "store", driver: "sqlite")
        let fresh = try fixture.storeConfig("fresh", driver: "sqlite")

        let restored = try await portal("restore", "--config", fresh, "--from", backup)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("Checked"))
        let dumps = ["store", "fresh"].map { fixture.folder.appendingPathComponent("\($0)-export.json").path }
        #expect(try await portal("export", "--config", store, "--to", dumps[0]).status == 0)
        #expect(try await portal("export", "--config", fresh, "--to", dumps[1]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dumps[1])) == Data(contentsOf: URL(fileURLWithPath: dumps[0])))

        let again = try await portal("restore", "--config", fresh, "--from", backup)
        #expect(again.status == 1, "a refusal, not a wrong argument")
        #expect(!again.stderr.contains("Usage:"), "\(again.stderr)")
        #expect(again.stderr.contains("already holds 1 account(s)") && again.stderr.contains("nothing was changed"), "\(again.stderr)")
        #expect(try await portal("export", "--config", fresh, "--to", dumps[1]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dumps[1])) == Data(contentsOf: URL(fileURLWithPath: dumps[0])))
    }

    @Test("A JSON store backs up as a dump, which restores into SQLite; an SQLite backup into JSON is refused by name")
    func dumpsAcrossStorages() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (_, dump) = try await backedUpDemo(fixture, "json", driver: "json")
        #expect(dump.hasSuffix(".json"))
        let sqlite = try fixture.storeConfig("sqlite", driver: "sqlite")
        let restored = try await portal("restore", "--config", sqlite, "--from", dump)
        #expect(restored.status == 0, "\(restored.stderr)")

        let (_, native) = try await backedUpDemo(fixture, "native", driver: "sqlite")
        let otherJSON = try fixture.storeConfig("other", driver: "json")
        let refused = try await portal("restore", "--config", otherJSON, "--from", native)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(native) && refused.stderr.contains("json store"), "\(refused.stderr)")
    }

    @Test("#21: a store without an account is not backed up and the folder's backups stay; a backup without one is not restored")
    func emptyStores() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (_, backup) = try await backedUpDemo(fixture, "store", driver: "sqlite")
        let folder = URL(fileURLWithPath: backup).deletingLastPathComponent()
        let before = try contents(folder)
        // As from another working folder, where a relative storage path names a new, empty store.
        let empty = try fixture.storeConfig("empty", driver: "sqlite")
        let refused = try await portal("backup", "--config", empty, "--to", folder.path, "--keep", "1")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("holds no account") && refused.stderr.contains("empty.sqlite"), "\(refused.stderr)")
        #expect(try contents(folder) == before)

        let dump = fixture.folder.appendingPathComponent("empty-export.json").path
        #expect(try await portal("export", "--config", empty, "--to", dump).status == 0)
        let restored = try await portal("restore", "--config", try fixture.storeConfig("fresh", driver: "sqlite"), "--from", dump)
        #expect(restored.status == 1 && restored.stderr.contains("the backup holds no account"), "\(restored.stderr)")
    }

    @Test("A file that is not a backup is refused, naming it; the store stays empty")
    func notABackup() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let fresh = try fixture.storeConfig("fresh", driver: "sqlite")
        let bogus = try fixture.configFile("this is not a database, it only ends like one", name: "portal-20260101T000000Z.sqlite")
        let refused = try await portal("restore", "--config", fresh, "--from", bogus)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(bogus) && refused.stderr.contains("not a portal SQLite backup"), "\(refused.stderr)")
        let missing = try await portal("restore", "--config", fresh, "--from", fixture.folder.appendingPathComponent("nope.json").path)
        #expect(missing.status == 1 && missing.stderr.contains("nope.json: no such file"), "\(missing.stderr)")
        let folder = try await portal("restore", "--config", fresh, "--from", fixture.folder.path)
        #expect(folder.status == 1 && folder.stderr.contains("a folder; name one backup file in it"), "\(folder.stderr)")
        let export = fixture.folder.appendingPathComponent("after.json")
        #expect(try await portal("export", "--config", fresh, "--to", export.path).status == 0)
        #expect(try String(contentsOf: export, encoding: .utf8).contains("accounts") == false)
    }
}
