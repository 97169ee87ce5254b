import PortalTesting
import Testing

// A storage package puts its own store where `memoryStorage()` is: `{ folder in try MyStorage(folder: folder) }`.
@Test("The in-memory store passes the storage conformance suite")
func conformance() async throws {
    try await StorageConformance(name: "memory", persists: false) { _ in memoryStorage() }.runAll()
}
