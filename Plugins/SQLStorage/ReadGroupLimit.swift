/// At most a driver's ``SQLDriver/readGroups`` read groups hold a connection at once; the others wait their turn, in
/// order. So a repository call on the store itself from inside a group (rather than on the group's repositories)
/// always finds a connection left, instead of every group holding one and waiting for another, for ever.
actor ReadGroupLimit {
    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) {
        self.limit = max(1, limit)
    }

    func run<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        if running < limit {
            running += 1
        } else {
            // The one leaving hands its place over, so `running` stays counted.
            await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
