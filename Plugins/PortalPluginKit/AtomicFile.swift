import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How every file the `portal` commands and the file-keeping plugins write reaches the disk (#21): first as a hidden temporary file in the target's
/// folder, fsynced, then renamed over the target, and the folder fsynced. A reader, a crash or a power cut sees the
/// old file or the new one, never half of one; on any failure the target is left as it was and the temporary file is
/// removed. `Docs/Decisions.md` ("#21 running it for years", Backups) says why not `Data.write(options: .atomic)`.
public enum AtomicFile {
    /// Writes `data` to the file at `path`, replacing it if it exists, readable by `permissions` (never executable:
    /// `rw-r--r--` by default).
    ///
    /// - Throws: ``AtomicFile/Failure`` naming `path` and the step that failed; the file at `path` is then unchanged.
    public static func write(
        _ data: Data, to path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead]
    ) async throws {
        try await write(to: path) { temporary in
            let descriptor = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate], permissions: permissions)
            try descriptor.closeAfter { _ = try descriptor.writeAll(data) }
        }
    }

    /// Lets `produce` make the new file at the temporary path it is given (in `path`'s folder; nothing is there
    /// yet), then fsyncs it, renames it over `path` and fsyncs the folder.
    ///
    /// - Throws: ``AtomicFile/Failure`` naming `path` (with what `produce` threw, or the step that failed). Unless
    ///   only the folder's fsync failed (the new file is then in place), the file at `path` is unchanged and the
    ///   temporary file gone.
    public static func write(to path: String, _ produce: (String) async throws -> Void) async throws {
        let target = FilePath(path)
        let folder = target.removingLastComponent().isEmpty ? FilePath(".") : target.removingLastComponent()
        let name = target.lastComponent?.string ?? path
        let temporary = folder.appending(".\(name).\(UInt32.random(in: 0...UInt32.max)).tmp")
        func step(_ what: String, _ body: () throws -> Void) throws {
            do { try body() } catch { throw Failure(path: path, step: what, reason: "\(error)") }
        }
        do {
            try await produce(temporary.string)
            try step("fsync the new file") { try sync(temporary, directory: false) }
            try step("rename it over the old one") {
                guard rename(temporary.string, path) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch {
            _ = unlink(temporary.string)
            throw (error as? Failure) ?? Failure(path: path, step: "write the new file", reason: "\(error)")
        }
        // The file is in place; this makes its name survive a power cut.
        try step("fsync its folder") { try sync(folder, directory: true) }
    }

    /// Flushes the file or folder at `path` to the disk (`fsync(2)`).
    private static func sync(_ path: FilePath, directory: Bool) throws {
        let descriptor = try FileDescriptor.open(path, .readOnly, options: directory ? [.directory] : [])
        try descriptor.closeAfter {
            guard fsync(descriptor.rawValue) == 0 else { throw Errno(rawValue: errno) }
        }
    }

    /// A file that could not be written: which, at which step, and why (`cannot write backups/nightly.json: rename
    /// it over the old one: Is a directory`).
    public struct Failure: Error, CustomStringConvertible {
        /// The file that was to be written, as given.
        public let path: String
        /// What was being done.
        public let step: String
        /// The system's or the producer's words.
        public let reason: String

        public var description: String { "cannot write \(path): \(step): \(reason)" }
    }
}
