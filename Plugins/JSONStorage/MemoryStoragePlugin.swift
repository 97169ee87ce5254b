import PortalKernel

/// Registers the in-memory store as `storage.driver = "memory"`: the JSON store's engine without its files, for
/// fast tests and throwaway demos (`portal serve --demo` on it starts empty each time). It takes no settings; nothing
/// is written to disk and nothing is kept when the process ends.
public enum MemoryStoragePlugin {
    /// The name `storage.driver` selects it by.
    public static let driverName = "memory"

    public static func register(in registry: inout PluginRegistry) {
        registry.storage.register(driverName) { _, context in
            context.logger.warning("In-memory storage: every record is lost when the portal stops")
            return JSONStorage.inMemory(logger: context.logger)
        }
    }
}
