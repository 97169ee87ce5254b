import Foundation
import PortalKernel
import PortalPluginKit


/// Keeps file bytes in a folder (`files.driver = "filesystem"`, the default; SPEC F17): each under its address, in
/// two levels of sub-folders by its first four hex digits (`ab/cd/abcd…`), so no folder grows past a few thousand
/// entries. Written through ``AtomicFile`` (never half a file, readable by the owner and group only, never
/// executable); read back only if its bytes still have their address.
public struct FilesystemFileStore: FileStore, PluginLocation {
    /// `filesystem`.
    public let driverName = "filesystem"
    /// The largest file it takes, in bytes (`files.maxFileMegabytes`).
    public let maxFileBytes: Int
    /// The folder, as configured.
    public let folder: URL

    /// The folder is made at once if missing.
    /// - Throws: `ConfigurationError.invalidValue` for `files.folder` when it cannot be made.
    public init(folder: URL, maxFileBytes: Int, key: String = "files.folder") throws {
        try PluginFolder.create(folder, forKey: key)
        self.folder = folder
        self.maxFileBytes = maxFileBytes
    }

    /// The folder's absolute path.
    public var location: String { folder.path }

    public func put(_ bytes: Data) async throws -> FileAddress {
        guard bytes.count <= maxFileBytes else { throw FileStoreError.tooLarge(bytes: bytes.count, limit: maxFileBytes) }
        let address = FileAddress(of: bytes)
        let path = self.path(of: address)
        // Same address, same bytes: a file already there is this one (a damaged one is refused by `get`).
        if FileManager.default.fileExists(atPath: path.path) { return address }
        do {
            try PluginFolder.create(path.deletingLastPathComponent(), forKey: "files.folder")
            try await AtomicFile.write(bytes, to: path.path, permissions: [.ownerReadWrite, .groupRead])
        } catch {
            throw FileStoreError.unavailable("\(error)")
        }
        return address
    }

    public func get(_ address: FileAddress) async throws -> Data? {
        let path = self.path(of: address).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileStoreError.unavailable("cannot read \(path): \(error.localizedDescription)")
        }
        guard FileAddress(of: bytes) == address else {
            throw FileStoreError.corrupt("\(path) no longer holds the bytes of its name")
        }
        return bytes
    }

    public func addresses() async throws -> [FileAddress] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            throw FileStoreError.unavailable("cannot list \(folder.path)")
        }
        var found: [FileAddress] = []
        for case let url as URL in walk {
            if let address = FileAddress(rawValue: url.lastPathComponent), url == path(of: address) { found.append(address) }
        }
        return found.sorted()
    }

    /// `folder/ab/cd/abcd…`.
    func path(of address: FileAddress) -> URL {
        let hex = address.rawValue
        return folder.appendingPathComponent(String(hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hex.dropFirst(2).prefix(2)), isDirectory: true)
            .appendingPathComponent(hex, isDirectory: false)
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
