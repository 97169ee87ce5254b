import Foundation
import PortalKernel
import PortalPluginKit

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
            try PluginFolder.create(URL(fileURLWithPath: path).deletingLastPathComponent(), forKey: settings.fullKey("path"))
            context.logger.info("SQLite storage", metadata: ["path": "\(path)"])
            do {
                return try SQLiteStorage(path: path)
            } catch {
                throw ConfigurationError.invalidValue(key: settings.fullKey("path"), problem: "cannot open the database \(path): \(error)")
            }
        }
    }
}
