import PortalKernel

/// The size limit every file store reads from its section (SPEC F17): `maxFileMegabytes`, the largest file kept, in
/// MiB: 25 by default, 1 to 1024.
public enum FileSizeLimit {
    /// The limit in bytes.
    /// - Throws: `ConfigurationError.invalidValue` naming the key for a number outside 1…1024.
    public static func bytes(_ settings: any PluginSettings) throws -> Int {
        try settings.int("maxFileMegabytes", default: 25, in: 1...1_024) * 1_048_576
    }
}
