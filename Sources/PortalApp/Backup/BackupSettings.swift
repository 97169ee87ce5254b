import PortalKernel

/// The scheduled backups of `portal serve` (the `backup` section, #21): off unless `backup.folder` is set.
public struct BackupSettings: Sendable, Equatable {
    /// The number of backups kept when neither `backup.keep` nor `--keep` says otherwise: two weeks of nightly ones.
    public static let defaultKeep = 14

    /// Where the backups go (`backup.folder`), created if missing.
    public var folder: String
    /// The hour of the day, in UTC (0–23), at which the backup is taken (`backup.hour`, 3 by default).
    public var hour: Int
    /// How many of the folder's backups are kept, the newest (`backup.keep`, 1–10,000, 14 by default).
    public var keep: Int

    /// The folder, named by its key for errors.
    var backupFolder: BackupFolder { BackupFolder(path: folder, key: "backup.folder") }

    /// Memberwise.
    public init(folder: String, hour: Int = 3, keep: Int = Self.defaultKeep) {
        (self.folder, self.hour, self.keep) = (folder, hour, keep)
    }

    /// Reads `backup.folder`, `backup.hour` and `backup.keep`; `nil` when there is no folder.
    ///
    /// - Throws: `ConfigurationError` naming the key: an hour or keep out of range, an empty folder, or an hour or
    ///   keep without a folder (they would do nothing).
    public static func read(_ section: any PluginSettings) throws -> BackupSettings? {
        let hour = try section.int("hour", default: 3, in: 0...23)
        let keep = try section.int("keep", default: defaultKeep, in: 1...10_000)
        guard let folder = try section.string("folder") else {
            for key in ["hour", "keep"] {
                guard try section.int(key) == nil else {
                    throw ConfigurationError.invalidValue(
                        key: section.fullKey(key), problem: "needs \(section.fullKey("folder")), where the backups go")
                }
            }
            return nil
        }
        guard !folder.isEmpty else {
            throw ConfigurationError.invalidValue(key: section.fullKey("folder"), problem: "must be a folder path")
        }
        return BackupSettings(folder: folder, hour: hour, keep: keep)
    }
}
