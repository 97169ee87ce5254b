/// Lets one transaction at a time hold SQLite's single writer, across suspension points.
///
/// GRDB serialises each write closure, but a portal transaction is async (its repository calls are awaited one
/// by one), so the gate keeps other writers out from `BEGIN` to `COMMIT`. Waiters are served first come, first
/// served.
actor WriteGate {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while holding the gate.
    func withGate<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        guard isHeld else {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            isHeld = false
        } else {
            // The gate passes straight to the next waiter: it stays held.
            waiters.removeFirst().resume()
        }
    }
}
