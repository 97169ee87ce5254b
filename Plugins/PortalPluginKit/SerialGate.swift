/// Lets one task at a time through, across suspension points: a storage backend holds it from the start of a
/// transaction to its commit, so async transactions never interleave. Waiters are served first come, first served.
public actor SerialGate {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `body` while holding the gate.
    public func withGate<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
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
