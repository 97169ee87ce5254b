import Foundation
import PortalTestSupport
import Testing

/// `portal export` and `portal import` as a team moving backends would run them.
@Suite("Moving data between backends", .serialized)
struct ExportImportTests {
    let runner = ExecutableTests()

    func portal(_ arguments: String...) async throws -> (status: Int32, stderr: String) {
        let result = try await runner.run(arguments)
        return (result.status, result.stderr)
    }

    @Test("SQLite → JSON → SQLite gives identical dumps, byte for byte")
    func roundTrip() async throws {
        let fixture = try AppFixture()
        let sqlite = try fixture.storeConfig("first", driver: "sqlite")
        let json = try fixture.storeConfig("second", driver: "json")
        let sqliteAgain = try fixture.storeConfig("third", driver: "sqlite")
        let dump = { (name: String) in fixture.folder.appendingPathComponent("\(name)-dump.json").path }

        #expect(try await portal("demo", "--config", sqlite).status == 0)
        #expect(try await portal("export", "--config", sqlite, "--to", dump("a")).status == 0)
        #expect(try await portal("import", "--config", json, "--from", dump("a")).status == 0)
        #expect(try await portal("export", "--config", json, "--to", dump("b")).status == 0)
        #expect(try await portal("import", "--config", sqliteAgain, "--from", dump("b")).status == 0)
        #expect(try await portal("export", "--config", sqliteAgain, "--to", dump("c")).status == 0)

        let first = try Data(contentsOf: URL(fileURLWithPath: dump("a")))
        #expect(first.count > 5_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dump("b"))) == first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dump("c"))) == first)
        #expect(String(decoding: first, as: UTF8.self).contains(#""portalKey" : "greenleaf-demo""#))
        fixture.remove()
    }

    @Test("SQLite → PostgreSQL → JSON → PostgreSQL gives identical dumps, byte for byte", .enabled(if: PostgresTestServer.isAvailable))
    func throughPostgres() async throws {
        let server = try PostgresTestServer.shared()
        let fixture = try AppFixture()
        func postgres(_ name: String) throws -> String {
            let database = "moving_\(name)_\(UUID().uuidString.lowercased().filter(\.isHexDigit))"
            try server.createDatabase(database)
            return try fixture.configFile(
                #"{"storage": {"driver": "postgres", "host": "127.0.0.1", "port": \#(server.port), "database": "\#(database)", "user": "\#(server.user)", "password": "\#(server.password)", "tls": "disable"}}"#,
                name: "\(name).json")
        }
        let stores = [try fixture.storeConfig("start", driver: "sqlite"), try postgres("first"), try fixture.storeConfig("middle", driver: "json"), try postgres("last")]
        let dump = { (index: Int) in fixture.folder.appendingPathComponent("dump-\(index).json").path }

        #expect(try await portal("demo", "--config", stores[0]).status == 0)
        #expect(try await portal("export", "--config", stores[0], "--to", dump(0)).status == 0)
        for index in 1..<stores.count {
            let imported = try await portal("import", "--config", stores[index], "--from", dump(index - 1))
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(try await portal("export", "--config", stores[index], "--to", dump(index)).status == 0)
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: dump(0)))
        #expect(first.count > 5_000)
        for index in 1..<stores.count {
            #expect(try Data(contentsOf: URL(fileURLWithPath: dump(index))) == first, "dump \(index) differs")
        }
        fixture.remove()
    }

    @Test("#21 case 1: a nightly export onto the same file succeeds every night and leaves no temporary file")
    func exportOverAnExistingFile() async throws {
        let fixture = try AppFixture()
        let store = try fixture.storeConfig("nightly", driver: "sqlite")
        let backups = fixture.folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        let file = backups.appendingPathComponent("nightly.json").path
        #expect(try await portal("demo", "--config", store).status == 0)
        var previous: Data?
        for night in 1...3 {
            let result = try await portal("export", "--config", store, "--to", file)
            #expect(result.status == 0, "night \(night): \(result.stderr)")
            let written = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(written.count > 5_000, "night \(night)")
            if let previous { #expect(written == previous, "night \(night): the same store exports the same bytes") }
            previous = written
            #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path) == ["nightly.json"], "night \(night)")
        }
        fixture.remove()
    }

    @Test("An export that cannot be written leaves the previous file as it was and no temporary file")
    func failedExportKeepsTheOldFile() async throws {
        let fixture = try AppFixture()
        let store = try fixture.storeConfig("store", driver: "sqlite")
        let file = fixture.folder.appendingPathComponent("kept.json")
        try Data("the last good one".utf8).write(to: file)
        // The target is a folder's entry that cannot be replaced by a file: the rename fails after the write.
        let folderTarget = fixture.folder.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folderTarget.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(try await portal("demo", "--config", store).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).sorted()

        let refused = try await portal("export", "--config", store, "--to", folderTarget.path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(folderTarget.path), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).sorted() == before)
        #expect(try String(contentsOf: file, encoding: .utf8) == "the last good one")
        fixture.remove()
    }

    @Test("Import into a non-empty store is refused unless asked for; a clashing import writes nothing")
    func nonEmptyStore() async throws {
        let fixture = try AppFixture()
        let source = try fixture.storeConfig("source", driver: "sqlite")
        let target = try fixture.storeConfig("target", driver: "json")
        let file = fixture.folder.appendingPathComponent("dump.json").path
        #expect(try await portal("demo", "--config", source).status == 0)
        #expect(try await portal("export", "--config", source, "--to", file).status == 0)
        #expect(try await portal("import", "--config", target, "--from", file).status == 0)

        let refused = try await portal("import", "--config", target, "--from", file)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already holds 1 account(s)") && refused.stderr.contains("--into-non-empty"))

        let clashing = try await portal("import", "--config", target, "--from", file, "--into-non-empty")
        #expect(clashing.status != 0)
        #expect(clashing.stderr.contains("already exists"))
        let after = fixture.folder.appendingPathComponent("after.json").path
        #expect(try await portal("export", "--config", target, "--to", after).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: after)) == Data(contentsOf: URL(fileURLWithPath: file)))
        fixture.remove()
    }

    @Test("A file that is not a dump is refused, naming the file and where it is wrong")
    func badFile() async throws {
        let fixture = try AppFixture()
        let target = try fixture.storeConfig("target", driver: "sqlite")
        let file = try fixture.configFile(#"{"formatVersion": 1, "accounts": [{"id": "a"}]}"#, name: "broken-dump.json")
        let result = try await portal("import", "--config", target, "--from", file)
        #expect(result.status != 0)
        #expect(result.stderr.contains("broken-dump.json: not a portal dump: at accounts[0]"))
        fixture.remove()
    }
}
