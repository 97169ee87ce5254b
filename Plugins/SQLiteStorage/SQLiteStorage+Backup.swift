import Foundation
import GRDB
import PortalKernel

/// `portal backup` of an SQLite store: SQLite's online backup API, run on one WAL reader inside one read
/// transaction, so the copy is the database at one moment while the writer goes on (#21).
extension SQLiteStorage: NativeBackup {
    /// `portal-20261130T071500Z.sqlite`.
    public var backupFileExtension: String { "sqlite" }

    /// Copies every page into a new file at `path`, which is left a single self-contained file (rollback journal,
    /// not WAL) that the `sqlite3` shell and ``records(ofBackup:)`` open as it is.
    public func backup(to path: String) async throws {
        do {
            let destination = try DatabaseQueue(path: path)
            try await pool.read { source in
                try destination.inDatabase { copy in try source.backup(to: copy) }
            }
            try destination.inDatabase { copy in try copy.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch let error as DatabaseError {
            throw StorageError.unavailable("\(path): SQLite backup failed: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Opens a copy of the backup in a scratch folder (opening the file itself would change it: WAL, migrations),
    /// migrates it and reads it whole.
    public func records(ofBackup path: String) async throws -> StorageDump {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("portal-restore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let copy = scratch.appendingPathComponent("backup.sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            let backup = try SQLiteStorage(path: copy)
            do {
                try await backup.migrate()
                let dump = try await backup.exportDump()
                try await backup.close()
                return dump
            } catch {
                try? await backup.close()
                throw error
            }
        } catch let error as DatabaseError {
            throw StorageError.corrupt("\(path): not a portal SQLite backup: \(error.message ?? "\(error.resultCode)")")
        } catch let error as CocoaError {
            throw StorageError.corrupt("\(path): cannot read the file: \(error.localizedDescription)")
        }
    }
}
