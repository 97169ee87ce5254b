import Foundation
import PortalKernel
import PortalPluginKit

/// Keeps file bytes in a folder (`files.driver = "filesystem"`, the default; SPEC F17), laid out as a
/// ``ContentFolder``: each file under its address, written whole, never executable, read back only if its bytes still
/// have their address.
public struct FilesystemFileStore: FileStore, PluginLocation {
    /// `filesystem`.
    public let driverName = "filesystem"
    /// The largest file it takes, in bytes (`files.maxFileMegabytes`).
    public let maxFileBytes: Int
    /// The folder, as configured.
    public var folder: URL { content.url }
    private let content: ContentFolder

    /// The folder is made at once if missing.
    /// - Throws: `ConfigurationError.invalidValue` for `key` (`files.folder`) when it cannot be made.
    public init(folder: URL, maxFileBytes: Int, key: String = "files.folder") throws {
        content = try ContentFolder(folder, key: key)
        self.maxFileBytes = maxFileBytes
    }

    /// The folder's absolute path.
    public var location: String { folder.path }

    public func put(_ bytes: Data) async throws -> FileAddress {
        guard bytes.count <= maxFileBytes else { throw FileStoreError.tooLarge(bytes: bytes.count, limit: maxFileBytes) }
        return try await content.write(bytes)
    }

    public func get(_ address: FileAddress) async throws -> Data? {
        try content.read(address)
    }

    public func addresses() async throws -> [FileAddress] {
        try content.addresses()
    }
}

/// Registers the folder store as `files.driver = "filesystem"`: `files.folder` (default `var/files`, beside the
/// default SQLite store) and `files.maxFileMegabytes` (``FileSizeLimit``).
public enum FilesystemFileStorePlugin {
    /// The name `files.driver` selects it by.
    public static let driverName = "filesystem"

    public static func register(in registry: inout PluginRegistry) {
        registry.fileStores.register(driverName) { section, _ in
            let folder = try section.string("folder") ?? "var/files"
            return try FilesystemFileStore(
                folder: URL(fileURLWithPath: folder, isDirectory: true), maxFileBytes: try FileSizeLimit.bytes(section),
                key: section.fullKey("folder"))
        }
    }
}
