import PortalKernel

/// Registers the PostgreSQL storage as `storage.driver = "postgres"` (settings: ``PostgresSettings``).
public enum PostgresStoragePlugin {
    /// The name `storage.driver` selects it by.
    public static let driverName = "postgres"

    public static func register(in registry: inout PluginRegistry) {
        registry.storage.register(driverName) { section, context in
            let settings = try PostgresSettings(section)
            context.logger.info(
                "PostgreSQL storage", metadata: ["server": "\(settings.displayName)", "tls": "\(settings.tls.rawValue)", "poolSize": "\(settings.poolSize)"])
            return try await PostgresStorage(settings: settings, logger: context.logger)
        }
    }
}
