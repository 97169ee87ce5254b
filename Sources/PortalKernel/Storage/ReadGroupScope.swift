import Synchronization

/// The read group the current task is in (``PortalStorage/read(_:)``), so that inside a group the store's own reads
/// (its standalone repositories, which use cases reach through `services.storage`) see the group's snapshot too:
/// a page that reads through a dozen use cases makes one trip, and never waits for a second connection while
/// holding one. Writes on the store itself go on as usual; the group's own repositories refuse them.
///
/// For backends: `read` opens a scope with ``run(owner:snapshot:_:)``, and the store's standalone reads ask
/// ``snapshot(for:as:)``. A scope belongs to one store (`owner`), and ends with its group: a task that outlives
/// the group (started inside it) reads on its own again.
public final class ReadGroupScope: Sendable {
    @TaskLocal static var current: ReadGroupScope?

    private let owner: ObjectIdentifier
    private let snapshot: any Sendable
    private let isOpen = Mutex(true)

    private init(owner: ObjectIdentifier, snapshot: any Sendable) {
        self.owner = owner
        self.snapshot = snapshot
    }

    /// Runs `body` with a scope of `owner`'s group, whose snapshot is `snapshot`; the scope ends when `body` does.
    public static func run<Result>(
        owner: AnyObject, snapshot: any Sendable, _ body: () async throws -> Result
    ) async rethrows -> Result {
        let scope = ReadGroupScope(owner: ObjectIdentifier(owner), snapshot: snapshot)
        defer { scope.isOpen.withLock { $0 = false } }
        return try await $current.withValue(scope, operation: body)
    }

    /// The snapshot of `owner`'s group the current task is in, while that group is open.
    public static func snapshot<Snapshot>(for owner: AnyObject, as _: Snapshot.Type) -> Snapshot? {
        guard let scope = current, scope.owner == ObjectIdentifier(owner), scope.isOpen.withLock({ $0 }) else { return nil }
        return scope.snapshot as? Snapshot
    }
}
