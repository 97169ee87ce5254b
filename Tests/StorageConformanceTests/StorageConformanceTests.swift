import PortalTesting
import Testing

/// The testing product's conformance suite: every check group on every bundled backend (`StorageBackend.all`).
@Suite("Storage conformance")
struct StorageConformanceTests {
    @Test(
        "Every check group passes on every backend", .timeLimit(.minutes(5)), arguments: StorageBackend.all,
        StorageConformance.CheckGroup.allCases)
    func group(backend: StorageBackend, group: StorageConformance.CheckGroup) async throws {
        try await backend.run(group)
    }

    @Test("Every backend reads every other's dump", arguments: StorageBackend.all)
    func dumpsMoveBetweenBackends(backend: StorageBackend) async throws {
        try await backend.dumpMoves(to: StorageBackend.all)
    }

    @Test("A check that fails is reported to the test that runs the suite")
    func failuresReachTheCaller() async throws {
        // The in-memory store, claimed to keep its records across a restart: the restart check must fail, here.
        let wrong = StorageConformance(name: "memory, claimed to persist") { _ in memoryStorage() }
        try await withKnownIssue {
            try await wrong.persistence()
        } matching: { issue in
            issue.sourceLocation?.fileName == "PersistenceChecks.swift"
        }
    }
}
