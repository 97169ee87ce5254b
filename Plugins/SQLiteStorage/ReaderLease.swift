import Foundation
import GRDB

/// One WAL reader held for a read group (``SQLiteDriver/snapshot(_:)``).
///
/// GRDB runs a read as a synchronous block on a reader's own dispatch queue, inside one read transaction. The
/// block here waits on that queue for the group's statements and runs them one at a time, so every statement of
/// the group sees the same snapshot, until the group ends. (GRDB's `DatabaseSnapshotPool` would do this, but is
/// not built on Linux; a `DatabaseSnapshot` opens a new connection each time.)
final class ReaderLease: @unchecked Sendable {
    /// A statement waiting for the reader: run it there, or tell its caller why it never will.
    private typealias Job = (run: (Database) -> Void, fail: (any Error) -> Void)

    private let condition = NSCondition()
    // Both guarded by `condition`: the statements waiting, and why no more will run once the group has ended.
    private var jobs: [Job] = []
    private var ended: (any Error)?

    /// Runs `work` on the held reader and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            if let ended { return continuation.resume(throwing: ended) }
            jobs.append((run: { db in continuation.resume(with: Result { try work(db) }) }, fail: continuation.resume(throwing:)))
            condition.signal()
        }
    }

    /// Serves the group's statements on the reader's queue until ``finish(_:)``.
    func serve(_ db: Database) {
        while let job = next() { job.run(db) }
    }

    /// Ends the group: statements still waiting, and later ones, get `reason`.
    func finish(_ reason: any Error) {
        condition.lock()
        ended = ended ?? reason
        let waiting = jobs
        jobs = []
        condition.signal()
        condition.unlock()
        for job in waiting { job.fail(reason) }
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && ended == nil { condition.wait() }
        return ended == nil ? jobs.removeFirst() : nil
    }
}
