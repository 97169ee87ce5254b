import FilesystemFileStore
import Foundation
import PortalKernel
import PortalTestSupport
import SQLiteStorage
import Testing

/// Files in exports, imports, backups and restores (#25, SPEC F17): the bytes the records name travel with them.
@Suite("Files in exports and backups", .serialized)
struct FileCopyTests {
    let runner = ExecutableTests()

    func portal(_ arguments: String...) async throws -> (status: Int32, stderr: String, stdout: String) {
        try await runner.run(arguments)
    }

    /// A config of an SQLite store and a file folder, both named `name`, in the fixture's folder.
    func config(_ fixture: AppFixture, _ name: String) throws -> (path: String, files: URL) {
        let files = fixture.folder.appendingPathComponent("\(name)-files")
        let path = try fixture.configFile(
            #"{"storage": {"driver": "sqlite", "path": "\#(fixture.folder.path)/\#(name).sqlite"}, "files": {"folder": "\#(files.path)"}}"#,
            name: "\(name).json")
        return (path, files)
    }

    /// The demo company with one shared PDF on its invoice 1001, in the store of `name`: the file's bytes.
    func demoWithFile(_ fixture: AppFixture, _ name: String) async throws -> (config: String, bytes: Data) {
        let (path, folder) = try config(fixture, name)
        #expect(try await portal("demo", "--config", path).status == 0)
        let bytes = Data("%PDF-1.4 the crew's plan \(UUID())".utf8)
        let address = try await FilesystemFileStore(folder: folder, maxFileBytes: 1_048_576).put(bytes)
        let storage = try SQLiteStorage(path: fixture.folder.appendingPathComponent("\(name).sqlite").path)
        try await storage.records(AttachedFile.self).insert(
            AttachedFile(
                accountID: "demo-account", owner: .invoice("demo-invoice-1001"), customerID: "demo-cece", name: "Plan.pdf",
                mediaType: "application/pdf", byteCount: bytes.count, content: address, thumbnail: nil, sharedWithClient: true,
                source: .staff, addedBy: "office@example.com", addedAt: Date()))
        try await storage.close()
        return (path, bytes)
    }

    @Test("F17: portal export writes the files its records name beside the dump; portal import puts them into the new store's files first; a dump whose files are missing imports nothing")
    func exportImport() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (source, bytes) = try await demoWithFile(fixture, "source")
        let dump = fixture.folder.appendingPathComponent("dump.json").path
        let exported = try await portal("export", "--config", source, "--to", dump)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("and 1 files to \(dump).files"))
        #expect(FileManager.default.fileExists(atPath: "\(dump).files/\(FileAddress(of: bytes).rawValue.prefix(2))"))

        let (target, targetFiles) = try config(fixture, "target")
        let imported = try await portal("import", "--config", target, "--from", dump)
        #expect(imported.status == 0, "\(imported.stderr)")
        let kept = try await FilesystemFileStore(folder: targetFiles, maxFileBytes: 1_048_576).get(FileAddress(of: bytes))
        #expect(kept == bytes)

        try FileManager.default.removeItem(atPath: "\(dump).files")
        let (lost, _) = try config(fixture, "lost")
        let refused = try await portal("import", "--config", lost, "--from", dump)
        #expect(refused.status != 0 && refused.stderr.contains("the records name 1 files, of which 1 are not in"))
        let storage = try SQLiteStorage(path: fixture.folder.appendingPathComponent("lost.sqlite").path)
        #expect(try await storage.accounts.all().isEmpty, "nothing imported")
        try await storage.close()
    }

    @Test("F17: portal backup copies the files into the backup folder's files, shared by its backups; portal restore puts them back")
    func backupRestore() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (source, bytes) = try await demoWithFile(fixture, "source")
        let backups = fixture.folder.appendingPathComponent("backups")
        let backedUp = try await portal("backup", "--config", source, "--to", backups.path)
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        #expect(try await portal("backup", "--config", source, "--to", backups.path).status == 0, "a second backup copies nothing again")
        let backup = try #require(try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted().first { $0.hasSuffix(".sqlite") })
        // A backup whose files cannot all be copied leaves no backup file behind.
        let (broken, brokenFiles) = try config(fixture, "broken")
        _ = try await demoWithFile(fixture, "broken")
        try FileManager.default.removeItem(at: brokenFiles)
        let brokenBackups = fixture.folder.appendingPathComponent("broken-backups")
        #expect(try await portal("backup", "--config", broken, "--to", brokenBackups.path).status != 0)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: brokenBackups.path)) ?? []
        #expect(!left.contains { $0.hasSuffix(".sqlite") }, "no backup file: \(left)")

        let (target, targetFiles) = try config(fixture, "target")
        let restored = try await portal("restore", "--config", target, "--from", backups.appendingPathComponent(backup).path)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try await FilesystemFileStore(folder: targetFiles, maxFileBytes: 1_048_576).get(FileAddress(of: bytes)) == bytes)
    }

    @Test("F17: an export that fails leaves no files folder it made, and a files folder that was there as it was")
    func failedExport() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (source, _) = try await demoWithFile(fixture, "source")
        // The target is a folder's entry that a file cannot replace: the dump's write fails after the files are copied.
        let target = fixture.folder.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let refused = try await portal("export", "--config", source, "--to", target.path)
        #expect(refused.status != 0)
        #expect(!FileManager.default.fileExists(atPath: "\(target.path).files"), "no half export left behind")

        let kept = URL(fileURLWithPath: "\(target.path).files/ab/cd/note")
        try FileManager.default.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("an older export's".utf8).write(to: kept)
        #expect(try await portal("export", "--config", source, "--to", target.path).status != 0)
        #expect(try Data(contentsOf: kept) == Data("an older export's".utf8), "a folder that was there is kept")
    }

    @Test("F16: the account's logo travels with an export and is back in the new store's files after the import")
    func logoTravels() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let (source, _) = try await demoWithFile(fixture, "source")
        let (_, sourceFiles) = try config(fixture, "source")
        let logo = Data("\u{89}PNG the company's logo \(UUID())".utf8)
        let address = try await FilesystemFileStore(folder: sourceFiles, maxFileBytes: 1_048_576).put(logo)
        let storage = try SQLiteStorage(path: fixture.folder.appendingPathComponent("source.sqlite").path)
        var account = try #require(try await storage.accounts.find("demo-account"))
        account.branding.logoFile = address
        try await storage.accounts.update(account)
        try await storage.close()

        let dump = fixture.folder.appendingPathComponent("dump.json").path
        let exported = try await portal("export", "--config", source, "--to", dump)
        #expect(exported.status == 0 && exported.stdout.contains("and 2 files"), "\(exported.stdout)")
        let (target, targetFiles) = try config(fixture, "target")
        #expect(try await portal("import", "--config", target, "--from", dump).status == 0)
        #expect(try await FilesystemFileStore(folder: targetFiles, maxFileBytes: 1_048_576).get(address) == logo)
    }
}
