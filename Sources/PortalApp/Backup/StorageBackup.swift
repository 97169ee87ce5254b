import Foundation
import PortalKernel
import PortalPluginKit

/// One online backup of a storage into a ``BackupFolder`` (`portal backup`, the scheduled backups, #21): the
/// store's own copy where it has one (``NativeBackup``: SQLite's backup API), else its dump, read in one snapshot
/// (JSON's committed state, PostgreSQL's `REPEATABLE READ`). Either is written through ``AtomicFile``, then the
/// oldest of the folder's own backups beyond `keep` are deleted.
struct StorageBackup {
    /// The store to copy; it goes on serving meanwhile.
    let storage: any PortalStorage
    /// Where the files its records name are (#25): copied into the backup folder's `files`, shared by its backups.
    let files: any FileStore

    /// What one backup wrote and deleted.
    struct Written: Sendable, Equatable {
        /// The backup file's path.
        var path: String
        /// The names of the old backups deleted to keep the newest N.
        var deleted: [String]
    }

    /// The file ending of this store's backups: its own (`sqlite`) or `json` for a dump.
    var fileExtension: String {
        (storage as? any NativeBackup)?.backupFileExtension ?? DumpFile.fileExtension
    }

    /// Backs up into `backups` (created if missing) under the name of `instant`, then keeps the newest `keep`
    /// (at least 1: the one just written is never deleted).
    ///
    /// - Throws: `ConfigurationError` naming the folder's key when it cannot be created; ``CommandFailure`` or
    ///   ``AtomicFile/Failure`` naming the folder or file; an old backup is deleted only after the new one is in place.
    func run(into backups: BackupFolder, keep: Int, at instant: Date) async throws -> Written {
        try backups.create()
        try await requireRecords()
        let name = BackupFolder.fileName(at: instant, ending: fileExtension)
        let path = (backups.path as NSString).appendingPathComponent(name)
        if let native = storage as? any NativeBackup {
            try await AtomicFile.write(to: path) { temporary in try await native.backup(to: temporary) }
        } else {
            try await DumpFile.write(try await storage.exportDump(), to: path)
        }
        // After the records: every file they name is in the store by now (bytes are never removed). A backup whose
        // files cannot all be copied is no backup: its file goes, so it is never taken for a good one.
        do {
            _ = try await FileCopies.save(try await FileCopies.addresses(in: storage), from: files, to: FileCopies.folder(ofBackups: backups.path))
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let deleted = try backups.prune(keep: keep, endings: [fileExtension], sparing: name)
        return Written(path: path, deleted: deleted)
    }

    /// A store without an account is almost always the wrong one (a relative `storage.path` read from another
    /// working folder makes a new, empty store): backing it up would push the real backups out of the folder.
    ///
    /// - Throws: ``CommandFailure`` naming where the store is and the working folder.
    private func requireRecords() async throws {
        guard try await storage.accounts.all().isEmpty else { return }
        let location = (storage as? any PluginLocation)?.location ?? "the configured one"
        throw CommandFailure(
            "the \(storage.driverName) store (\(location)) holds no account, so nothing was backed up and no backup deleted. "
                + "Is it the right store? A relative storage path is read from the working folder, "
                + "\(FileManager.default.currentDirectoryPath)")
    }
}
