import Foundation
import Logging
import PortalKernel
import PortalPluginKit
import Synchronization

/// Storage in plain, human-readable JSON files (see ``JSONFiles`` for the layout and why it is crash-safe).
///
/// Every record is held in memory. A transaction works on a copy (copy-on-write, so cheap until it writes), and
/// its commit appends the changed rows to the journal, fsyncs, and only then applies them, decoded from the very
/// line written, so what is read is exactly what a restart would load. Readers outside a transaction see the last
/// committed state and never wait.
///
/// ``inMemory(logger:)`` is the same engine without files (`storage.driver = "memory"`): every rule and every
/// round trip through the journal's encoding, nothing on disk, nothing kept after the process ends.
public final class JSONStorage: PortalStorage, StandaloneRepositories {
    /// `json` for a store in a folder, `memory` for one held in memory only, as `/health` shows it.
    public let driverName: String
    /// `nil` for a store held in memory only.
    private let files: JSONFiles?
    private let committed: Mutex<JSONState>
    private let entriesSinceSnapshot: Mutex<Int>
    private let gate = AsyncSemaphore()
    private let compactAfter: Int
    /// Whether the snapshot read at opening is of an older format than this release writes.
    private let snapshotIsOlder: Bool
    private let logger: Logger
    /// Rate limits and claims: in memory, since a JSON folder serves one process (see ``Counter``).
    private let counters = InMemoryCounters()

    /// Opens the store in `folder` (creating it), taking its lock. `compactAfter` journal entries trigger a new
    /// snapshot.
    public init(folder: URL, compactAfter: Int = 1_000, logger: Logger) throws {
        let files = try JSONFiles(folder: folder)
        do {
            let contents = try files.load(logger: logger)
            committed = Mutex(contents.state)
            entriesSinceSnapshot = Mutex(contents.journalEntries)
            snapshotIsOlder = contents.snapshotFormat < JSONFiles.formatVersion
        } catch {
            files.close()
            throw error
        }
        self.files = files
        driverName = JSONStoragePlugin.driverName
        self.compactAfter = compactAfter
        self.logger = logger
    }

    private init(logger: Logger) {
        files = nil
        committed = Mutex(JSONState())
        entriesSinceSnapshot = Mutex(0)
        snapshotIsOlder = false
        driverName = MemoryStoragePlugin.driverName
        compactAfter = .max
        self.logger = logger
    }

    /// An empty store held in memory only: for fast tests and throwaway demos.
    public static func inMemory(logger: Logger) -> JSONStorage {
        JSONStorage(logger: logger)
    }

    /// Folds the journal into a fresh snapshot, so start-up reads one file; a snapshot of an older format is written
    /// again in this release's, so an older release then refuses the store instead of dropping what it cannot read.
    public func migrate() async throws {
        try await gate.withGate { [self] in
            if entriesSinceSnapshot.withLock({ $0 }) > 0 || snapshotIsOlder { try compact() }
        }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result {
        try await withoutActuallyEscaping(body) { body in
            try await gate.withGate { [self] in
                let working = WorkingCopy(committed.withLock { $0 })
                let result = try await body(JSONRepositories(access: JSONAccess(mode: .transaction(working)), counters: counters))
                try Task.checkCancellation()
                try commit(working.state.withLock { $0 })
                return result
            }
        }
    }

    /// The committed state of this moment: later commits do not show, and writes are refused. Inside the group,
    /// the store's own reads see that state too (``ReadGroupScope``).
    public func read<Result: Sendable>(_ body: @Sendable (any Repositories) async throws -> Result) async throws -> Result {
        let state = ReadGroupScope.snapshot(for: self, as: JSONState.self) ?? current
        return try await ReadGroupScope.run(owner: self, snapshot: state) {
            try await body(JSONRepositories(access: JSONAccess(mode: .snapshot(state)), counters: counters))
        }
    }

    /// One write on its own: a transaction of one step.
    func write<Result: Sendable>(_ body: @Sendable (inout JSONState) throws -> Result) async throws -> Result {
        try await gate.withGate { [self] in
            var working = committed.withLock { $0 }
            let result = try body(&working)
            try commit(working)
            return result
        }
    }

    /// The last committed state (a copy-on-write copy: cheap, and unaffected by later commits).
    var current: JSONState { committed.withLock { $0 } }

    /// Journals what `working` changed, then applies it. Called with the gate held.
    private func commit(_ working: JSONState) throws {
        let (sequence, overflow) = current.sequence.addingReportingOverflow(1)
        guard !overflow else { throw StorageError.corrupt("the journal's transaction number is at its largest; restore from a backup") }
        let entry = working.changes(sequence: sequence)
        guard !entry.isEmpty else { return }
        let line = try StorageJSON.encoder(pretty: false).encode(entry)
        try files?.append(line)
        let written = try StorageJSON.decoder().decode(JournalEntry.self, from: line)
        committed.withLock { $0.apply(written) }
        let due = entriesSinceSnapshot.withLock { count in
            count += 1
            return count >= compactAfter
        }
        if due {
            // The transaction is durable already: a failed compaction is reported, retried next time, and never
            // turned into a failed transaction.
            do {
                try compact()
            } catch {
                logger.error("JSON storage: compaction failed, the journal keeps growing: \(error)")
            }
        }
    }

    private func compact() throws {
        guard let files else { return }
        try files.writeSnapshot(current)
        entriesSinceSnapshot.withLock { $0 = 0 }
    }

    public func exportDump() async throws -> StorageDump { current.dump }

    /// All at once rather than record by record: add every row, check every rule in one pass, journal one entry,
    /// and fold it into the snapshot.
    public func importDump(_ dump: StorageDump) async throws {
        try await gate.withGate { [self] in
            // What an insert refuses, an import refuses too (a store already holding such text still opens).
            func refuseNUL<Record: StoredRecord>(_: Record.Type) throws {
                for record in dump[Record.self] { try Record.storage.refuseNUL(in: record) }
            }
            try RecordCatalogue.forEach { try refuseNUL($0) }
            var working = current
            working.touched = []
            try working.merge(dump)
            try working.validateIntegrity()
            try Task.checkCancellation()
            try commit(working)
            try compact()
        }
    }

    public func ping() async throws {}

    public func close() async throws {
        try await gate.withGate { [self] in
            if entriesSinceSnapshot.withLock({ $0 }) > 0 { try compact() }
            files?.close()
        }
    }

    /// The repositories for calls outside a transaction: each read sees the committed state (or the read group's
    /// snapshot, inside ``read(_:)``), each write is a transaction of its own; the counters are the process's own
    /// (`InMemoryCounters`).
    public var standalone: any Repositories { JSONRepositories(access: JSONAccess(mode: .standalone(self)), counters: counters) }
}

/// A transaction's private copy of the state.
final class WorkingCopy: Sendable {
    let state: Mutex<JSONState>

    init(_ state: JSONState) {
        var state = state
        state.touched = []
        self.state = Mutex(state)
    }
}

extension JSONStorage: PluginLocation {
    /// The store's folder, absolute; for the in-memory store, that it has none.
    public var location: String {
        files.map { $0.folder.standardizedFileURL.path } ?? "in memory, gone when the process ends"
    }
}
