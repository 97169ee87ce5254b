import Foundation
import PortalKernel
import Synchronization

/// Counters held in this process's memory: for a backend that serves one process only (the JSON store), and
/// for tests. A restart forgets them.
public final class InMemoryCounters: CounterRepository {
    private let counters = Mutex<[String: Counter]>([:])

    /// No counters yet.
    public init() {}

    public func change<Result: Sendable>(
        _ key: String, at instant: Date, _ change: @Sendable (Counter?) -> (Counter?, Result)
    ) async throws -> Result {
        counters.withLock { counters in
            let current = counters[key].flatMap { $0.expiresAt > instant ? $0 : nil }
            let (next, result) = change(current)
            counters[key] = next
            return result
        }
    }

    public func deleteExpired(before instant: Date) async throws -> Int {
        counters.withLock { counters in
            let before = counters.count
            counters = counters.filter { $0.value.expiresAt >= instant }
            return before - counters.count
        }
    }
}
