import ArgumentParser
import Foundation
import PortalKernel

/// `portal backup --to FOLDER [--keep N]`: a consistent copy of the configured store, taken while it serves, named
/// by the UTC time (`portal-20261130T071500Z.sqlite`), keeping the newest N of the folder's backups (#21).
struct BackupCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the configured storage, while it serves, into a folder of dated backups, keeping the newest N.")

    @OptionGroup var config: ConfigOption

    @Option(name: .customLong("to"), help: "The folder of backups (created if missing).")
    var folder: String

    @Option(help: "How many of the folder's backups to keep, the newest; the one just written is always kept.")
    var keep: Int = BackupSettings.defaultKeep

    func validate() throws {
        guard (1...10_000).contains(keep) else { throw ValidationError("--keep must be between 1 and 10000, got \(keep)") }
    }

    func run(registry: PluginRegistry) async throws {
        let backups = BackupFolder(path: folder, key: "--to")
        try backups.create()
        let written = try await config.withStorageAndFiles(registry: registry) { storage, files in
            try await StorageBackup(storage: storage, files: files).run(into: backups, keep: keep, at: Date())
        }
        print("Backed up to \(written.path)")
        if !written.deleted.isEmpty { print("Deleted older backups: \(written.deleted.joined(separator: ", "))") }
    }
}

/// `portal restore --from FILE`: a backup (or an export) back into the configured store, which must be empty, then
/// checked.
struct RestoreCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup (.sqlite from an SQLite store, or any .json dump) into the configured, empty storage and check it.")

    @OptionGroup var config: ConfigOption

    @Option(name: .customLong("from"), help: "The backup file (from `portal backup` or `portal export`).")
    var file: String

    func run(registry: PluginRegistry) async throws {
        let bootstrap = try await config.bootstrap(registry: registry)
        let context = PluginContext(logger: PortalLogger.make(level: .warning), clock: SystemClock())
        let dump = try await StorageRestore(bootstrap: bootstrap, context: context).restore(from: file)
        print("Restored \(dump.summary) from \(file) into the \(bootstrap.settings.storageDriver) store")
        print("Checked: it opens and migrates, and holds the same records as the backup")
    }
}
