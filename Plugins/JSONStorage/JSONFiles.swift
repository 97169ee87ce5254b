import Foundation
import Logging
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a JSON store, and the only code that touches them.
///
/// - `portal.json`: a snapshot of every record (the dump format, pretty-printed) and the sequence number of the
///   last transaction in it. Replaced whole and atomically: written to a temporary file, fsynced, renamed over
///   the old one, and the folder fsynced.
/// - `journal.jsonl`: one line per transaction committed since the snapshot, appended and fsynced before the
///   transaction returns. A crash can only tear the line being written, which was never acknowledged.
/// - `.lock`: held with `flock` while the store is open, so a second process is refused.
final class JSONFiles: Sendable {
    static let snapshotName = "portal.json"
    /// The snapshot's format, written into it (#21): 2 since the journal names tables as SQL does; a snapshot without
    /// one is release 1's. A release refuses a snapshot of a newer format rather than drop what it cannot read.
    static let formatVersion = 2
    static let journalName = "journal.jsonl"
    static let lockName = ".lock"

    let folder: URL
    private let lockDescriptor: Int32
    private let journalDescriptor: Int32

    /// What the files held when opened.
    struct Contents {
        var state: JSONState
        /// Journal entries after the snapshot (a compaction is due when there are any).
        var journalEntries: Int
        /// The format of the snapshot read (``JSONFiles/formatVersion`` for a new store): an older one is rewritten
        /// at once, so a newer snapshot always marks a store a newer release wrote to.
        var snapshotFormat: Int
    }

    /// Takes the folder's lock (creating the folder) and opens the journal.
    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lockPath = folder.appendingPathComponent(Self.lockName).path
        lockDescriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw Self.failure("cannot open \(lockPath)") }
        guard Self.lock(lockDescriptor) else {
            closeDescriptor(lockDescriptor)
            throw StorageError.unavailable(
                "\(folder.path) is in use by another portal process (it holds \(lockPath)); stop that process or "
                    + "point storage.folder elsewhere")
        }
        let journalPath = folder.appendingPathComponent(Self.journalName).path
        journalDescriptor = open(journalPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard journalDescriptor >= 0 else {
            closeDescriptor(lockDescriptor)
            throw Self.failure("cannot open \(journalPath)")
        }
    }

    /// Takes the lock, waiting up to ``lockPatience`` for a holder that is letting go (a previous process still
    /// exiting after a restart, or a child process another part of the program was starting as the lock was opened,
    /// which holds its descriptor until it runs its program); `false` when it is still held after that.
    private static func lock(_ descriptor: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(lockPatience)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else { return false }
            usleep(50_000)
        }
        return true
    }

    /// How long opening a store waits for its lock: 2 seconds.
    static let lockPatience: TimeInterval = 2

    /// Releases the journal and the lock.
    func close() {
        closeDescriptor(journalDescriptor)
        closeDescriptor(lockDescriptor)
    }

    // MARK: Reading

    /// The snapshot with the journal replayed on top. A torn last journal line (no line end, or NUL bytes: a
    /// write cut short by a crash, never acknowledged) is cut off with a warning; anything else that does not
    /// read stops here with the file, the line and what is wrong.
    func load(logger: Logger) throws -> Contents {
        var state = JSONState()
        var snapshotFormat = Self.formatVersion
        let snapshotURL = folder.appendingPathComponent(Self.snapshotName)
        if FileManager.default.fileExists(atPath: snapshotURL.path) {
            let data = try Data(contentsOf: snapshotURL)
            let header = try? StorageJSON.decoder().decode(SnapshotHeader.self, from: data)
            snapshotFormat = header?.formatVersion ?? 1
            guard snapshotFormat <= Self.formatVersion else {
                throw StorageError.refused(
                    "\(snapshotURL.path) was written by \(header?.release.map { "Client Portal \($0)" } ?? "a newer Client Portal") "
                        + "(JSON store format \(snapshotFormat); this release, \(PortalRelease.current), reads up to \(Self.formatVersion)): "
                        + "run that release or a newer one, or restore a backup taken before the upgrade (Docs/Deployment.md, "
                        + "\"Upgrade and rollback\")")
            }
            do {
                let snapshot = try StorageJSON.decoder().decode(Snapshot.self, from: data)
                try state.merge(snapshot.records)
                state.sequence = snapshot.sequence
            } catch {
                throw StorageError.corrupt("\(snapshotURL.path): \(Self.describe(error))")
            }
        }
        let journalURL = folder.appendingPathComponent(Self.journalName)
        let journal = (try? Data(contentsOf: journalURL)) ?? Data()
        var lines = journal.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) }
        // What follows the last line end was being written when the process stopped.
        let tail = lines.removeLast()
        var keptBytes = journal.count - tail.count
        if let last = lines.last, last.contains(0) {
            keptBytes -= last.count + 1
            lines.removeLast()
        }
        if keptBytes < journal.count {
            logger.warning(
                "Cutting off an unfinished last write in the journal (never acknowledged)",
                metadata: ["file": "\(journalURL.path)", "bytes": "\(journal.count - keptBytes)"])
            guard ftruncate(journalDescriptor, off_t(keptBytes)) == 0, fsync(journalDescriptor) == 0 else {
                throw Self.failure("cannot truncate \(journalURL.path)")
            }
        }
        var applied = 0
        for (index, line) in lines.enumerated() {
            let entry: JournalEntry
            do {
                entry = try StorageJSON.decoder().decode(JournalEntry.self, from: line)
            } catch {
                throw StorageError.corrupt("\(journalURL.path) line \(index + 1): \(Self.describe(error))")
            }
            guard entry.sequence > state.sequence else { continue }  // already in the snapshot
            guard entry.sequence == state.sequence + 1 else {
                throw StorageError.corrupt(
                    "\(journalURL.path) line \(index + 1): transaction \(entry.sequence) follows \(state.sequence)")
            }
            state.apply(entry)
            applied += 1
        }
        state.touched = []
        do {
            try state.validateIntegrity()
        } catch {
            throw StorageError.corrupt("\(folder.path): \(error)")
        }
        return Contents(state: state, journalEntries: applied, snapshotFormat: snapshotFormat)
    }

    // MARK: Writing

    /// Appends one transaction and fsyncs: when this returns, the transaction survives a crash or power loss.
    /// On failure the journal is cut back to where it was, so no partial line is left behind.
    func append(_ line: Data) throws {
        let end = lseek(journalDescriptor, 0, SEEK_END)
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        let written = bytes.withUnsafeBytes { buffer in writeAll(journalDescriptor, buffer) }
        guard written, fsync(journalDescriptor) == 0 else {
            let error = Self.failure("cannot write \(folder.appendingPathComponent(Self.journalName).path)")
            _ = ftruncate(journalDescriptor, end)
            throw error
        }
    }

    /// Replaces the snapshot with `state` atomically, then empties the journal it makes redundant.
    func writeSnapshot(_ state: JSONState) throws {
        let data = try StorageJSON.encoder(pretty: true).encode(
            Snapshot(formatVersion: Self.formatVersion, release: PortalRelease.current, sequence: state.sequence, records: state.dump))
        let target = folder.appendingPathComponent(Self.snapshotName).path
        let temporary = target + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create \(temporary)") }
        let written = data.withUnsafeBytes { buffer in writeAll(descriptor, buffer) }
        let synced = written && fsync(descriptor) == 0
        closeDescriptor(descriptor)
        guard synced, rename(temporary, target) == 0 else { throw Self.failure("cannot write \(target)") }
        try syncFolder()
        // Entries up to state.sequence are in the snapshot now; a crash before this truncation only means they
        // are skipped when the journal is read.
        guard ftruncate(journalDescriptor, 0) == 0, fsync(journalDescriptor) == 0 else {
            throw Self.failure("cannot empty \(folder.appendingPathComponent(Self.journalName).path)")
        }
    }

    private func syncFolder() throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open \(folder.path)") }
        defer { closeDescriptor(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot sync \(folder.path)") }
    }

    private func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let result = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += result
        }
        return true
    }

    /// The snapshot file's shape.
    struct Snapshot: Codable {
        /// `nil` in release 1's snapshots.
        var formatVersion: Int?
        /// The release that wrote the snapshot (``PortalRelease``, #21); `nil` before 2.0 recorded it.
        var release: String?
        var sequence: Int
        var records: StorageDump
    }

    /// The part of a snapshot read before its records, which a newer format may shape differently.
    struct SnapshotHeader: Decodable {
        var formatVersion: Int?
        var release: String?
    }

    /// A decoding error as a person can act on it: where in the file, and what.
    static func describe(_ error: any Error) -> String {
        (error as? DecodingError)?.locationDescription ?? "\(error)"
    }

    private static func failure(_ what: String) -> StorageError {
        .unavailable("\(what): \(String(cString: strerror(errno)))")
    }
}

/// `close(2)`, out of reach of the methods named `close`.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
