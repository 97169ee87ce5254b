import Foundation
import PortalKernel

/// `portal restore` (#21): puts a backup back into the configured store, which must be empty, then checks it: the
/// store opens and migrates again, and holds exactly the backup's records. A dump (`.json`, from `portal backup` or
/// `portal export`) restores into any storage; a store's own backup (`.sqlite`) into that kind of store.
struct StorageRestore {
    /// The configuration naming the store to restore into.
    let bootstrap: PortalBootstrap
    /// For the plugins, while restoring.
    let context: PluginContext

    /// Restores `path` and returns the backup's records, as the restored store now holds them.
    ///
    /// - Throws: ``CommandFailure`` naming the file or the store (a store that holds records, a backup of another kind
    ///   of store, a check that failed); `ValidationError` or ``StorageError`` naming the file when it is not a
    ///   backup. Before the import nothing is written; the import is all or nothing.
    func restore(from path: String) async throws -> StorageDump {
        let storage = try await bootstrap.makeStorage(context: context)
        let dump: StorageDump
        do {
            dump = try await records(of: path, for: storage)
            guard !dump.accounts.isEmpty else {
                throw CommandFailure("\(path): the backup holds no account, so there is nothing to restore; nothing was changed")
            }
            try await StoreContents.requireEmpty(
                storage, advice: "restore into an empty store (a new storage path, folder or database); nothing was changed")
            try await restoreFiles(named: dump, backup: path)
            try await storage.importDump(dump)
            try await storage.close()
        } catch {
            try? await storage.close()
            throw error
        }
        try await check(dump, from: path)
        return dump
    }

    /// Puts the files `dump`'s records name into the configured file store (#25), from beside the backup: `FILE.files`
    /// for a dump from `portal export`, the backup folder's `files` for a backup from `portal backup`.
    private func restoreFiles(named dump: StorageDump, backup path: String) async throws {
        let named = FileCopies.addresses(in: dump)
        guard !named.isEmpty else { return }
        let beside = FileCopies.folder(ofDump: path)
        let folder = FileManager.default.fileExists(atPath: beside.path)
            ? beside : FileCopies.folder(ofBackups: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let files = try await bootstrap.makeFiles(context: context)
        do {
            _ = try await FileCopies.load(named, from: folder, into: files)
            try await files.close()
        } catch {
            try? await files.close()
            throw error
        }
    }

    /// The records of the backup at `path`: a dump, or a native backup of `storage`'s own kind.
    private func records(of path: String, for storage: any PortalStorage) async throws -> StorageDump {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CommandFailure("\(path): no such file") }
        guard !isFolder.boolValue else {
            throw CommandFailure("\(path): a folder; name one backup file in it (portal-….sqlite or portal-….json)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else { throw CommandFailure("\(path): cannot read the file (permission denied)") }
        let ending = (path as NSString).pathExtension
        if ending == DumpFile.fileExtension { return try DumpFile.read(path) }
        if let native = storage as? any NativeBackup, native.backupFileExtension == ending {
            return try await native.records(ofBackup: path)
        }
        throw CommandFailure(
            "\(path): \(ending.isEmpty ? "a file without an ending" : "a .\(ending) file") is not a backup the \(storage.driverName) store reads; it restores a dump (.json)"
                + ((storage as? any NativeBackup).map { " or its own .\($0.backupFileExtension) backups" } ?? "")
                + ". Restore it into the storage that made it, then `portal export` a dump")
    }

    /// Opens the store again (migrating it, as `portal serve` would) and compares its records with the backup's.
    private func check(_ dump: StorageDump, from path: String) async throws {
        let storage = try await bootstrap.makeStorage(context: context)
        let restored: StorageDump
        do {
            restored = try await storage.exportDump()
            try await storage.close()
        } catch {
            try? await storage.close()
            throw error
        }
        guard restored != dump.canonical else { return }
        throw CommandFailure(
            "\(path): the restored \(storage.driverName) store does not hold the backup's records: it holds "
                + "\(restored.summary), the backup \(dump.summary)")
    }
}
