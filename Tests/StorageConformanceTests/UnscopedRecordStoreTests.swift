import Foundation
import PortalKernel
import Testing

/// #19 review: the generic ``RecordStore`` promises insert, update and find "for every record type of the
/// catalogue", and the catalogue holds two tables outside accounts (accounts, counters). Every backend must answer
/// those alike: never a database error on one and `nil` on another, never a write acknowledged and then lost.
@Suite("#19 review: the generic record store on tables outside accounts")
struct UnscopedRecordStoreTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("A find \"in an account\" of a table outside accounts is refused on every backend", arguments: StorageBackend.all)
    func findOutsideAccounts(backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        let store = fixture.storage
        let account = fixture.account(StorageFixture.accountA)
        try await store.accounts.insert(account)
        do {
            let found = try await store.records(Account.self).find(account.id, in: account.id)
            Issue.record("\(backend.name): answered \(String(describing: found?.id)) instead of refusing")
        } catch StorageError.refused {
        } catch {
            Issue.record("\(backend.name): \(error)")
        }
        try await fixture.tearDown()
    }

    @Test("A counter written through the generic store is kept where the store's counters see it, or refused", arguments: StorageBackend.all)
    func counterThroughGenericStore(backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        let store = fixture.storage
        let counter = Counter(key: "k", count: 3, windowStart: now, lastAt: now, expiresAt: now.addingTimeInterval(3_600))
        do {
            try await store.records(Counter.self).insert(counter)
        } catch StorageError.refused {
            try await fixture.tearDown()
            return
        }
        let seen = try await store.counters.change("k", at: now) { ($0, $0?.count) }
        #expect(seen == 3, "\(backend.name): the insert was acknowledged but the counter is not there")
        try await fixture.tearDown()
    }
}
