import Foundation
import PortalPluginKit

/// The folder `portal backup` writes into: one file per backup, named by the UTC time it was taken
/// (`portal-20261130T071500Z.sqlite`, `.json` for a dump), of which the newest so many are kept. Only files with
/// exactly that name pattern are ever listed or deleted: whatever else the folder holds is left alone.
struct BackupFolder {
    /// The folder, as configured or given (`--to`).
    let path: String
    /// What named it, for its errors: `backup.folder` or `--to`.
    let key: String

    /// The name of a backup taken at `instant` with file ending `ending` (`sqlite`, `json`).
    static func fileName(at instant: Date, ending: String) -> String {
        "portal-\(stamp(instant)).\(ending)"
    }

    /// `20261130T071500Z`: the instant in UTC, to the second; sorts as time does.
    static func stamp(_ instant: Date) -> String {
        instant.formatted(
            Date.ISO8601FormatStyle(
                dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZoneSeparator: .omitted,
                timeZone: TimeZone(identifier: "UTC")!))
    }

    /// Whether `name` is one of the backups this folder's owner writes with one of `endings`.
    static func isBackup(_ name: String, endings: Set<String>) -> Bool {
        guard let match = name.wholeMatch(of: /portal-\d{8}T\d{6}Z\.([a-z0-9]+)/) else { return false }
        return endings.contains(String(match.1))
    }

    /// Creates the folder (and its parents) if missing.
    ///
    /// - Throws: `ConfigurationError.invalidValue` for ``key``, naming the folder and the system's reason (`Permission
    ///   denied`, `Not a directory`).
    func create() throws {
        try PluginFolder.create(URL(fileURLWithPath: path, isDirectory: true), forKey: key)
    }

    /// The names of the backups in the folder with one of `endings`, oldest first.
    func backups(endings: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { Self.isBackup($0, endings: endings) }.sorted()
    }

    /// Deletes the oldest backups with one of `endings` until `keep` are left, never `justWritten` (even if the
    /// clock went back and it sorts first). Returns the names deleted.
    ///
    /// - Throws: a ``CommandFailure`` naming the file that could not be deleted (those before it are gone).
    func prune(keep: Int, endings: Set<String>, sparing justWritten: String) throws -> [String] {
        let older = try backups(endings: endings).filter { $0 != justWritten }
        let doomed = older.dropLast(max(keep - 1, 0))
        for name in doomed {
            do {
                try FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(name))
            } catch {
                throw CommandFailure("\(path)/\(name): cannot delete an old backup: \(error.localizedDescription)")
            }
        }
        return Array(doomed)
    }
}
