import Foundation
import PortalKernel

/// Registers the SQLite storage as `storage.driver = "sqlite"`.
///
/// Settings (section `storage`): `path`, the database file (default `var/portal.sqlite`; its folder is created).
public enum SQLiteStoragePlugin {
    /// The name `storage.driver` selects it by (the default).
    public static let driverName = "sqlite"

    public static func register(in registry: inout PluginRegistry) {
        registry.storage.register(driverName) { settings, context in
            let path = try settings.string("path") ?? "var/portal.sqlite"
            guard !path.isEmpty, path != ":memory:" else {
                throw ConfigurationError.invalidValue(
                    key: settings.fullKey("path"), problem: "must be a file path (WAL mode needs a file)")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            context.logger.info("SQLite storage", metadata: ["path": "\(path)"])
            return try SQLiteStorage(path: path)
        }
    }
}
