import Foundation

/// Waiting for another request to finish what this one needs (a claim it holds): pauses of 50 ms, twice as long
/// each time up to a second (most such work ends within one), until `limit` has passed since it began.
struct Patience {
    private let deadline: ContinuousClock.Instant
    private var pause = Duration.milliseconds(50)

    /// Patience for `limit`, from now.
    init(_ limit: Duration) {
        deadline = .now + limit
    }

    /// Sleeps the next pause and answers `true`; `false`, at once, once the limit has passed.
    /// - Throws: `CancellationError` when the task is cancelled while it sleeps.
    mutating func wait() async throws -> Bool {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: pause)
        pause = min(pause * 2, .seconds(1))
        return true
    }
}
