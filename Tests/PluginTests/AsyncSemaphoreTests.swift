import PortalPluginKit
import Synchronization
import Testing

/// The gate the stores hold for transactions (one at a time) and for read groups (so many at a time).
@Suite("Concurrency gate")
struct AsyncSemaphoreTests {
    /// How many tasks are inside now, and the most there ever were.
    final class Tally: Sendable {
        let inside = Mutex(0)
        let peak = Mutex(0)
    }

    /// Holds a place in `gate` for 200 ms, counted in `tally`.
    private static func hold(_ gate: AsyncSemaphore, _ tally: Tally) async throws {
        try await gate.withGate {
            let now = tally.inside.withLock { $0 += 1; return $0 }
            tally.peak.withLock { $0 = max($0, now) }
            try await Task.sleep(for: .milliseconds(200))
            tally.inside.withLock { $0 -= 1 }
        }
    }

    @Test("At most the limit are inside at once, and every task gets through")
    func limit() async throws {
        let gate = AsyncSemaphore(limit: 3)
        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for _ in 0..<20 { tasks.addTask { try await Self.hold(gate, tally) } }
            try await tasks.waitForAll()
        }
        #expect(tally.peak.withLock { $0 } == 3)
        #expect(tally.inside.withLock { $0 } == 0)
    }

    @Test("#19: a task out of patience, or cancelled, stops waiting, runs nothing, and the gate goes on")
    func patienceAndCancellation() async throws {
        let gate = AsyncSemaphore(limit: 1)
        let ran = Tally()
        let (entered, inside) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await gate.withGate {
                inside.yield()
                try await Task.sleep(for: .seconds(60))
            }
        }
        for await _ in entered { break }
        await #expect(throws: AsyncSemaphore.NotAdmitted.self) {
            try await gate.withGate(waitingAtMost: .milliseconds(100)) { ran.inside.withLock { $0 += 1 } }
        }
        // Cancelled while it waits, and cancelled before it starts to: either way it never gets in.
        let waiting = Task { try await gate.withGate { ran.inside.withLock { $0 += 1 } } }
        while await gate.waiting == 0 { await Task.yield() }
        waiting.cancel()
        await #expect(throws: AsyncSemaphore.NotAdmitted.self) { try await waiting.value }
        #expect(await gate.waiting == 0)
        let early = Task { try await gate.withGate { ran.inside.withLock { $0 += 1 } } }
        early.cancel()
        await #expect(throws: AsyncSemaphore.NotAdmitted.self) { try await early.value }
        holder.cancel()
        _ = try? await holder.value
        try await gate.withGate { ran.inside.withLock { $0 += 1 } }
        #expect(ran.inside.withLock { $0 } == 1)
    }
}
