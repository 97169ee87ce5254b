import Foundation
import PortalKernel
import Testing

/// The storage conformance suite, for any backend: what every bundled backend (SQLite, PostgreSQL, JSON files,
/// memory) is held to, as checks a storage package calls from its own tests.
///
/// ```swift
/// @Test func conformance() async throws {
///     try await StorageConformance(name: "mine") { folder in try MyStorage(folder: folder) }.runAll()
/// }
/// ```
///
/// Call it from a Swift Testing `@Test`: the checks use `#expect` and `#require`, so a failure is reported to that
/// test, at the line of the check that failed. Each group method runs its checks one after another, each on a store
/// of its own (``StorageFixture``); a check that throws is recorded as an issue naming the check, and the group goes
/// on with the next one. A store is made with `makeStorage` in an empty temporary folder, migrated, used, closed, and
/// the folder removed; a server-backed store (PostgreSQL) takes the folder's name as the name of a database of its own.
public struct StorageConformance: Sendable, CustomTestStringConvertible {
    /// The backend's name, for test reports and failure messages.
    public let name: String
    /// Whether a store outlives its process: opening the same folder again finds what was written. A store in memory
    /// does not; the restart checks then ask it to start empty instead.
    public let persists: Bool
    /// Opens (creating) a store whose files, if it has any, live in the given folder. Opening the same folder again
    /// is a restart.
    public let makeStorage: @Sendable (URL) async throws -> any PortalStorage

    /// A backend to check: `name` for reports, whether it `persists` across a restart, and how to open a store.
    public init(name: String, persists: Bool = true, makeStorage: @escaping @Sendable (URL) async throws -> any PortalStorage) {
        self.name = name
        self.persists = persists
        self.makeStorage = makeStorage
    }

    /// The in-memory store (``memoryStorage(logger:)``): the reference every backend's dump must move to and from.
    public static let memory = StorageConformance(name: "memory", persists: false) { _ in memoryStorage() }

    /// The name, as a parameterised test shows its argument.
    public var testDescription: String { name }

    /// The suite's check groups: to run them apart, as the cases of a parameterised test, or one by one.
    public enum CheckGroup: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case records, recordQueries, operations, isolation, cancellation, sharedState, readSnapshots, persistence

        /// The group's name, as a parameterised test shows its argument.
        public var testDescription: String { rawValue }

        var checks: [Check] {
            switch self {
            case .records: StorageConformance.recordChecks
            case .recordQueries: StorageConformance.recordQueryChecks
            case .operations: StorageConformance.operationChecks
            case .isolation: StorageConformance.isolationChecks
            case .cancellation: StorageConformance.cancellationChecks
            case .sharedState: StorageConformance.sharedStateChecks
            case .readSnapshots: StorageConformance.readSnapshotChecks
            case .persistence: StorageConformance.persistenceChecks
            }
        }
    }

    /// Every check group, in the order of ``CheckGroup``.
    public func runAll() async throws {
        for group in CheckGroup.allCases { try await run(group) }
    }

    /// Runs the checks of `group` one after another, each on a fresh store; one that throws is recorded as an issue
    /// naming it, and the next one runs.
    public func run(_ group: CheckGroup) async throws {
        for check in group.checks {
            do {
                try await check.run(self)
            } catch {
                Issue.record(error, "\(name): \(check.title)")
            }
        }
    }

    /// Records: every record type round-trips unchanged; updates are kept; the portal's queries (customers by email,
    /// portal candidates), the outbox queue, expiry, audit timelines, proposal links and API tokens.
    public func records() async throws { try await run(.records) }

    /// Record queries: the generic repository every record type has (#19), answered by every store as the kernel
    /// reads ``RecordQuery``, under the catalogue's rules.
    public func recordQueries() async throws { try await run(.recordQueries) }

    /// Operations: the repository operations ``records()`` does not reach, with the orders every backend must agree
    /// on, and references to missing records refused.
    public func operations() async throws { try await run(.operations) }

    /// Isolation: account scoping, no reference into another account, unique keys, all-or-nothing transactions, a
    /// login token used by 25 requests at once (exactly one wins), 40 concurrent read-modify-write transactions.
    public func isolation() async throws { try await run(.isolation) }

    /// Cancellation: a task cancelled inside a transaction keeps nothing of it, and the next transaction works.
    public func cancellation() async throws { try await run(.cancellation) }

    /// Shared state: counters change atomically per key and expire; two workers claiming due outbox messages at
    /// once never get the same one.
    public func sharedState() async throws { try await run(.sharedState) }

    /// Read snapshots: `storage.read` sees one moment, refuses writes, and, inside it, the store's own reads see that
    /// moment too; failed and concurrent groups end and give their connection back.
    public func readSnapshots() async throws { try await run(.readSnapshots) }

    /// Persistence: everything survives a restart (or, in memory, the store starts empty), export holds every record
    /// once, a dump moves to a fresh store and to the in-memory store and back (``dumpMoves(to:)``), and a clashing
    /// import keeps nothing.
    public func persistence() async throws { try await run(.persistence) }

    /// A check of the suite: what it holds a backend to, and the check itself.
    typealias Check = (title: String, run: @Sendable (StorageConformance) async throws -> Void)
}
