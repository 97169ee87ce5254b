import Foundation
import PortalKernel

/// A folder of content-addressed files (#25, SPEC F17): each file under its SHA-256, in two levels of sub-folders by
/// its first four hex digits (`ab/cd/abcd…`), so no folder grows past a few thousand entries. The `filesystem` file
/// store keeps files so, and backups and exports keep copies of files so. Written through ``AtomicFile`` (never half
/// a file, owner and group readable, never executable); read back only if the bytes still have their address.
public struct ContentFolder: Sendable {
    /// The folder.
    public let url: URL

    /// The folder at `url`, made if missing.
    /// - Throws: `ConfigurationError.invalidValue` for `key` when it cannot be made.
    public init(_ url: URL, key: String) throws {
        try PluginFolder.create(url, forKey: key)
        self.url = url
    }

    /// Keeps `bytes` (a file already there is them: same address, same bytes) and returns their address.
    /// - Throws: ``FileStoreError/unavailable(_:)`` when they cannot be written.
    public func write(_ bytes: Data) async throws -> FileAddress {
        let address = FileAddress(of: bytes)
        let path = self.path(of: address)
        if FileManager.default.fileExists(atPath: path.path) { return address }
        do {
            try PluginFolder.create(path.deletingLastPathComponent(), forKey: "files.folder")
            try await AtomicFile.write(bytes, to: path.path, permissions: [.ownerReadWrite, .groupRead])
        } catch {
            throw FileStoreError.unavailable("\(error)")
        }
        return address
    }

    /// The bytes at `address`, `nil` when none are kept.
    /// - Throws: ``FileStoreError/unavailable(_:)`` when they cannot be read, ``FileStoreError/corrupt(_:)`` when they
    ///   no longer have their address.
    public func read(_ address: FileAddress) throws -> Data? {
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

    /// Every address kept, sorted.
    public func addresses() throws -> [FileAddress] {
        guard let walk = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else {
            throw FileStoreError.unavailable("cannot list \(url.path)")
        }
        var found: [FileAddress] = []
        for case let file as URL in walk {
            if let address = FileAddress(rawValue: file.lastPathComponent), file.standardizedFileURL == path(of: address).standardizedFileURL {
                found.append(address)
            }
        }
        return found.sorted()
    }

    /// `url/ab/cd/abcd…`.
    public func path(of address: FileAddress) -> URL {
        let hex = address.rawValue
        return url.appendingPathComponent(String(hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hex.dropFirst(2).prefix(2)), isDirectory: true)
            .appendingPathComponent(hex, isDirectory: false)
    }
}
