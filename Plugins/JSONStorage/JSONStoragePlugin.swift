import Foundation
import PortalKernel
import PortalPluginKit

/// Registers the JSON-file storage as `storage.driver = "json"`.
///
/// Settings (section `storage`): `folder` (default `var/portal-json`), where `portal.json`, `journal.jsonl` and
/// `.lock` live; `compactAfter` (default 1000), how many transactions the journal holds before a new snapshot.
public enum JSONStoragePlugin {
    /// The name `storage.driver` selects it by.
    public static let driverName = "json"

    public static func register(in registry: inout PluginRegistry) {
        registry.storage.register(driverName) { settings, context in
            let folder = try settings.string("folder") ?? "var/portal-json"
            guard !folder.isEmpty else {
                throw ConfigurationError.invalidValue(key: settings.fullKey("folder"), problem: "must be a folder path")
            }
            let compactAfter = try settings.int("compactAfter", default: 1_000, in: 1...1_000_000)
            try PluginFolder.create(URL(fileURLWithPath: folder, isDirectory: true), forKey: settings.fullKey("folder"))
            context.logger.info("JSON storage", metadata: ["folder": "\(folder)"])
            return try JSONStorage(
                folder: URL(fileURLWithPath: folder, isDirectory: true), compactAfter: compactAfter,
                logger: context.logger)
        }
    }
}
