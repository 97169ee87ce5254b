import Foundation
import PortalKernel
import Testing

@testable import SQLiteStorage

/// The SQL core's read groups hold a connection each, up to fewer than the connections; one more waits, then is
/// refused as unavailable (a 503 over HTTP), never waits for ever (#19).
@Suite("SQL read groups: patience")
struct ReadGroupPatienceTests {
    @Test("#19: with every group's place held, one more waits 10 s and is refused as unavailable; places freed serve the next")
    func patience() async throws {
        let fixture = try await SQLiteFixture()
        _ = try await fixture.seed()
        let store = fixture.storage
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        let holders = (0..<(SQLiteStorage.readers - 2)).map { _ in
            Task {
                try await store.read { _ in
                    enter.yield()
                    try await Task.sleep(for: .seconds(120))
                }
            }
        }
        var inside = 0
        for await _ in entered {
            inside += 1
            if inside == holders.count { break }
        }
        let started = ContinuousClock.now
        await #expect(throws: StorageError.unavailable("every connection is busy; try again")) {
            try await store.read { try await $0.accounts.all() }
        }
        #expect(ContinuousClock.now - started >= .seconds(9))
        for holder in holders {
            holder.cancel()
            _ = try? await holder.value
        }
        #expect(try await store.read { try await $0.accounts.all() }.count == 1)
        try await fixture.tearDown()
    }
}
