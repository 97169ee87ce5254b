import Foundation
import PortalPluginKit
import Synchronization
import Testing

/// #25: photo cleaning and PDF drawing run beside the requests, not on their threads, and only a few at once.
@Suite("Heavy work")
struct HeavyWorkTests {
    /// How many pieces run now, and the most that ever did.
    final class Tally: Sendable {
        let inside = Mutex(0)
        let peak = Mutex(0)
    }

    @Test("#25: heavy work runs at most one fewer at once than the cores (at least one), and every piece gets done")
    func limited() async throws {
        let tally = Tally()
        let done = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for piece in 0..<(HeavyWork.limit * 3 + 1) {
                tasks.addTask {
                    try await HeavyWork.run {
                        let now = tally.inside.withLock { $0 += 1; return $0 }
                        tally.peak.withLock { $0 = max($0, now) }
                        Thread.sleep(forTimeInterval: 0.1)  // blocking, as libvips and Cairo are
                        tally.inside.withLock { $0 -= 1 }
                        return piece
                    }
                }
            }
            return try await tasks.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(done == Set(0..<(HeavyWork.limit * 3 + 1)))
        #expect(tally.peak.withLock { $0 } == HeavyWork.limit)
        #expect(HeavyWork.limit == max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    }

    @Test("#25: what heavy work throws reaches the caller")
    func throwing() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await HeavyWork.run { () throws -> Int in throw Refused() } }
    }
}
