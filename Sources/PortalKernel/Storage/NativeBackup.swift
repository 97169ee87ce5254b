/// A storage that copies itself in its own format while it serves (`portal backup`, #21): SQLite through its online
/// backup API. A storage without it is backed up as its ``StorageDump`` (``PortalStorage/exportDump()``, one
/// snapshot), which every storage has and every storage can restore.
public protocol NativeBackup: PortalStorage {
    /// How its backup files' names end, without the dot (`sqlite`); `portal restore` knows one by it. Never `json`,
    /// the ending of dumps.
    var backupFileExtension: String { get }

    /// Writes a copy of every record as the store was at one moment (never half of a transaction) to a new file at
    /// `path`, while the store goes on serving reads and writes.
    ///
    /// - Throws: ``StorageError/unavailable(_:)`` naming `path` when it cannot be written.
    func backup(to path: String) async throws

    /// Every record of the backup file at `path` (one ``backup(to:)`` wrote, by this build or an earlier one),
    /// brought to this build's schema, in the dump form. The file is not changed.
    ///
    /// - Throws: ``StorageError/corrupt(_:)`` naming `path` when it is not such a backup.
    func records(ofBackup path: String) async throws -> StorageDump
}
