/// A counting semaphore for Swift concurrency: lets at most `limit` tasks at a time through, across suspension
/// points; the others wait, first come, first served. With the default limit of one (an async mutex), a storage
/// backend holds it from the start of a transaction to its commit, so async transactions never interleave; with
/// more, it caps how many read groups hold a connection at once.
public actor AsyncSemaphore {
    private let limit: Int
    private var inside = 0
    /// Waiting tasks, each told `true` when let in, `false` when it stopped waiting (cancelled, or out of
    /// patience), with the timer that ends its patience.
    private var waiters: [(ticket: Int, admit: CheckedContinuation<Bool, Never>, timer: Task<Void, Never>?)] = []
    private var tickets = 0

    /// A semaphore for `limit` tasks at once (at least one).
    public init(limit: Int = 1) {
        self.limit = max(1, limit)
    }

    /// Why a task did not get through: its task was cancelled, or it waited longer than it would.
    public struct NotAdmitted: Error, Sendable {}

    /// How many tasks wait for a place now.
    public var waiting: Int { waiters.count }

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
                    let timer = patience.map { patience in
                        Task { try? await Task.sleep(for: patience); if !Task.isCancelled { self.stopWaiting(ticket) } }
                    }
                    waiters.append((ticket, continuation, timer))
                }
            } onCancel: {
                Task { await self.stopWaiting(ticket) }
            }
            guard admitted else { throw NotAdmitted() }
        }
        // Leaving, a task hands its place straight to the next waiter, so `inside` stays counted.
        defer {
            if waiters.isEmpty {
                inside -= 1
            } else {
                let next = waiters.removeFirst()
                next.timer?.cancel()
                next.admit.resume(returning: true)
            }
        }
        return try await body()
    }

    private func stopWaiting(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.timer?.cancel()
        waiter.admit.resume(returning: false)
    }
}
