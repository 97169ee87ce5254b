/// Lets at most `limit` tasks at a time through, across suspension points; the others wait, first come, first
/// served. With the default limit of one, a storage backend holds it from the start of a transaction to its commit,
/// so async transactions never interleave; with more, it caps how many read groups hold a connection at once.
public actor ConcurrencyGate {
    private let limit: Int
    private var inside = 0
    /// Waiting tasks, each told `true` when let in, `false` when it stopped waiting (cancelled, or out of patience).
    private var waiters: [(ticket: Int, admit: CheckedContinuation<Bool, Never>)] = []
    private var tickets = 0

    /// A gate for `limit` tasks at once (at least one).
    public init(limit: Int = 1) {
        self.limit = max(1, limit)
    }

    /// Why a task did not get through: its task was cancelled, or it waited longer than it would.
    public struct NotAdmitted: Error, Sendable {
        public let waited: Duration?
    }

    /// Runs `body` once inside the gate, after waiting at most `patience` (for ever when `nil`) for a place; a task
    /// cancelled while it waits stops waiting too. Either way it throws ``NotAdmitted`` and runs nothing.
    public func withGate<Result: Sendable>(
        waitingAtMost patience: Duration? = nil, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        if inside < limit {
            inside += 1
        } else {
            tickets += 1
            let ticket = tickets
            let admitted = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    waiters.append((ticket, continuation))
                    if let patience { Task { try? await Task.sleep(for: patience); self.stopWaiting(ticket) } }
                }
            } onCancel: {
                Task { await self.stopWaiting(ticket) }
            }
            guard admitted else { throw NotAdmitted(waited: Task.isCancelled ? nil : patience) }
        }
        // Leaving, a task hands its place straight to the next waiter, so `inside` stays counted.
        defer { if waiters.isEmpty { inside -= 1 } else { waiters.removeFirst().admit.resume(returning: true) } }
        return try await body()
    }

    private func stopWaiting(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).admit.resume(returning: false)
    }
}
