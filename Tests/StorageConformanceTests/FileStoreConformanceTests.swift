import FilesystemFileStore
import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import PortalTesting
import PostgresStorage
import Synchronization
import Testing

/// The file store conformance suite (#25, SPEC F17) on every bundled file store, and what only the folder store can
/// get wrong.
@Suite("File store conformance")
struct FileStoreConformanceTests {
    /// A bundled file store, named for the test's title.
    struct Store: Sendable, CustomStringConvertible {
        let description: String
        let conformance: FileStoreConformance
    }

    static let stores: [Store] = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-store-\(UUID().uuidString)")
        var stores = [
            Store(description: "filesystem", conformance: FileStoreConformance { try FilesystemFileStore(folder: folder, maxFileBytes: $0) }),
            Store(description: "memory", conformance: FileStoreConformance { MemoryStores.one($0) }),
        ]
        if PostgresTestServer.isAvailable {
            stores.append(
                Store(
                    description: "postgres",
                    conformance: FileStoreConformance { limit in
                        let server = try PostgresTestServer.shared()
                        let database = try server.database(for: folder, prefix: "f_")
                        return try await PostgresFileStore(
                            host: "127.0.0.1", port: server.port, database: database, user: server.user, password: server.password,
                            schema: "files", maxFileBytes: limit, logger: Logger(label: "test"))
                    }))
        }
        return stores
    }()

    @Test("Every check passes on every file store", .timeLimit(.minutes(5)), arguments: stores)
    func conformance(store: Store) async throws {
        try await store.conformance.runAll()
    }

    @Test("The folder store keeps each file under its address in two levels of folders, not executable, and refuses one changed on disk")
    func folderLayout() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try FilesystemFileStore(folder: folder, maxFileBytes: 1_000)
        let bytes = Data("<?php system($_GET['c']); ?>".utf8)
        let address = try await store.put(bytes)
        let hex = address.rawValue
        let path = folder.appendingPathComponent("\(hex.prefix(2))/\(hex.dropFirst(2).prefix(2))/\(hex)").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? Int)
        #expect(permissions & 0o111 == 0, "no execute bit")
        #expect(permissions & 0o007 == 0, "not readable by others")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { $0.count == 2 }, "no temporary file left")
        try Data("changed".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: FileStoreError.self, "bytes that no longer have their address are refused") { _ = try await store.get(address) }
    }

    @Test("A folder that cannot be made stops start-up naming files.folder")
    func folderThatCannotBeMade() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("file-store-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect { _ = try FilesystemFileStore(folder: file.appendingPathComponent("files"), maxFileBytes: 1) } throws: { error in
            (error as? ConfigurationError)?.key == "files.folder"
        }
    }
}

/// The memory store keeps its files as long as its instance, so "opening it again" is the same instance, one per
/// size limit.
private enum MemoryStores {
    static let kept = Mutex<[Int: MemoryFileStore]>([:])

    static func one(_ limit: Int) -> MemoryFileStore {
        kept.withLock { kept in
            if let store = kept[limit] { return store }
            let store = MemoryFileStore(maxFileBytes: limit)
            kept[limit] = store
            return store
        }
    }
}
