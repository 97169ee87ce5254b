import ArgumentParser
import Foundation
import PortalKernel
import PortalPluginKit

/// A dump file (`portal export`, `portal import`, the dump backups of `portal backup`): the store's records as
/// pretty-printed, versioned JSON (``StorageDump``).
enum DumpFile {
    /// The file ending of dumps, and of backups made as dumps.
    static let fileExtension = "json"

    /// Writes `dump` to `path` through ``AtomicFile``: the file at `path` is replaced whole or not at all.
    ///
    /// - Throws: ``AtomicFile/Failure`` naming `path`.
    static func write(_ dump: StorageDump, to path: String) async throws {
        try await AtomicFile.write(try StorageJSON.encoder(pretty: true).encode(dump), to: path)
    }

    /// The dump in `path`.
    ///
    /// - Throws: ``CommandFailure`` naming `path` when it cannot be read or a record does not decode (and where).
    static func read(_ path: String) throws -> StorageDump {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot read the file")
        }
        do {
            return try StorageJSON.decoder().decode(StorageDump.self, from: data)
        } catch let error as DecodingError {
            throw CommandFailure("\(path): not a portal dump: \(error.locationDescription)")
        } catch {
            throw CommandFailure("\(path): not a portal dump: \(error)")
        }
    }
}
