import Foundation
import PortalKernel
import PortalPluginKit

/// The bytes of attached files, copied beside a backup or a dump (#25, SPEC F17): into a ``ContentFolder``, so each
/// copy is checked against its address when it is read back. Records name files by address, so a copy holds exactly
/// the files its records name, and copying again skips those already there.
enum FileCopies {
    /// The folder of a dump's files: `FILE.files` beside `FILE`.
    static func folder(ofDump path: String) -> URL { URL(fileURLWithPath: path + ".files", isDirectory: true) }

    /// The folder of a backup folder's files, shared by its backups: `files` in it.
    static func folder(ofBackups path: String) -> URL { URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent("files", isDirectory: true) }

    /// Every address the records of `dump` name: attached files' bytes and thumbnails, and the accounts' logos.
    static func addresses(in dump: StorageDump) -> Set<FileAddress> {
        addresses(in: dump[AttachedFile.self], accounts: dump.accounts)
    }

    /// Every address the records of every account of `storage` name, as ``addresses(in:)-(StorageDump)`` counts them.
    static func addresses(in storage: any PortalStorage) async throws -> Set<FileAddress> {
        let accounts = try await storage.accounts.all()
        var files: [AttachedFile] = []
        for account in accounts { files += try await storage.records(AttachedFile.self).all(in: account.id) }
        return addresses(in: files, accounts: accounts)
    }

    private static func addresses(in files: [AttachedFile], accounts: [Account]) -> Set<FileAddress> {
        Set(files.flatMap { [$0.content, $0.thumbnail].compactMap { $0 } } + accounts.compactMap(\.branding.logoFile))
    }

    /// Copies `addresses` from `store` into `folder` (made if missing), skipping those it holds; the number copied.
    /// - Throws: ``FileStoreError/corrupt(_:)`` naming a file the records name but the store does not hold.
    static func save(_ addresses: Set<FileAddress>, from store: any FileStore, to folder: URL) async throws -> Int {
        guard !addresses.isEmpty else { return 0 }
        let target = try ContentFolder(folder, key: "files")
        var copied = 0
        for address in addresses.sorted() where !FileManager.default.fileExists(atPath: target.path(of: address).path) {
            guard let bytes = try await store.get(address) else {
                throw FileStoreError.corrupt("file \(address) is named by a record but not in the \(store.driverName) file store")
            }
            _ = try await target.write(bytes)
            copied += 1
        }
        return copied
    }

    /// Puts `addresses` from `folder` into `store`; the number put. Every one is read (and checked) before any is put,
    /// so a missing or damaged copy changes nothing.
    /// - Throws: ``CommandFailure`` naming the folder and how many files are missing; ``FileStoreError`` for a damaged
    ///   copy or a store that cannot take them.
    static func load(_ addresses: Set<FileAddress>, from folder: URL, into store: any FileStore) async throws -> Int {
        guard !addresses.isEmpty else { return 0 }
        let source = try ContentFolder(folder, key: "files")
        let missing = addresses.filter { !FileManager.default.fileExists(atPath: source.path(of: $0).path) }
        guard missing.isEmpty else {
            throw CommandFailure(
                "the records name \(addresses.count) files, of which \(missing.count) are not in \(folder.path); nothing was changed")
        }
        for address in addresses { _ = try source.read(address) }
        for address in addresses.sorted() {
            guard let bytes = try source.read(address) else { continue }
            _ = try await store.put(bytes)
        }
        return addresses.count
    }
}
