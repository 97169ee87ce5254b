import Foundation
import PortalKernel
import Testing

/// #19 review: a unique key that a record gives up (changed, emptied, swapped, or given up inside a transaction that
/// then fails) is free, and findable, exactly as on SQL: the JSON store's unique index keeps no stale entry.
@Suite("#19 review: unique keys that move")
struct UniqueKeyMoveTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("A portal key, an idempotency key and a token hash, changed or emptied, are free for another record", arguments: StorageBackend.all)
    func keysMove(backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        // An account's portal key changed; the old one taken by another account.
        var first = try #require(try await store.accounts.find(a))
        let oldKey = first.portalKey
        first.portalKey = "moved"
        try await store.accounts.update(first)
        try await store.accounts.insert(fixture.account(StorageFixture.accountB, portalKey: oldKey))
        #expect(try await store.accounts.find(portalKey: oldKey)?.id == StorageFixture.accountB)
        #expect(try await store.accounts.find(portalKey: "moved")?.id == a)

        // A payment's idempotency key emptied, then taken by another payment.
        let invoice = fixture.invoice("1001", customer: customer.id, in: a)
        try await store.invoices.insert(invoice)
        var p1 = Payment(id: "p1", accountID: a, invoiceID: invoice.id, amount: Money(cents: 1), method: .cash, source: .staff, idempotencyKey: "K", receivedAt: now)
        try await store.payments.insert(p1)
        p1.idempotencyKey = nil
        try await store.records(Payment.self).update(p1)
        #expect(try await store.payments.find(idempotencyKey: "K", in: a) == nil)
        let p2 = Payment(id: "p2", accountID: a, invoiceID: invoice.id, amount: Money(cents: 1), method: .cash, source: .staff, idempotencyKey: "K", receivedAt: now)
        try await store.payments.insert(p2)
        #expect(try await store.payments.find(idempotencyKey: "K", in: a)?.id == "p2")
        // Emptied again: two payments without a key never collide.
        try await store.payments.insert(
            Payment(id: "p3", accountID: a, invoiceID: invoice.id, amount: Money(cents: 1), method: .cash, source: .staff, receivedAt: now))

        // An API token's hash changed; the old hash reused.
        var t1 = APIToken(id: "t1", accountID: a, name: "one", tokenHash: "h1", createdAt: now)
        try await store.apiTokens.insert(t1)
        t1.tokenHash = "h2"
        try await store.apiTokens.update(t1)
        try await store.apiTokens.insert(APIToken(id: "t2", accountID: a, name: "two", tokenHash: "h1", createdAt: now))
        #expect(try await store.apiTokens.find(hash: "h1")?.id == "t2")
        #expect(try await store.apiTokens.find(hash: "h2")?.id == "t1")
        await #expect(throws: StorageError.self) {
            try await store.apiTokens.insert(APIToken(id: "t3", accountID: a, name: "three", tokenHash: "h2", createdAt: now))
        }
        try await fixture.tearDown()
    }

    @Test("Keys swapped in a transaction, and keys given up in a transaction that fails", arguments: StorageBackend.all)
    func keysInTransactions(backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        let store = fixture.storage
        try await store.accounts.insert(fixture.account("x", portalKey: "kx"))
        try await store.accounts.insert(fixture.account("y", portalKey: "ky"))
        struct Stop: Error {}
        // Given up, then the transaction fails: the old holder keeps it, the new key is not taken.
        await #expect(throws: Stop.self) {
            try await store.transaction { tx in
                var x = try #require(try await tx.accounts.find("x"))
                x.portalKey = "kz"
                try await tx.accounts.update(x)
                try await tx.accounts.insert(fixture.account("z", portalKey: "kx"))
                throw Stop()
            }
        }
        #expect(try await store.accounts.find(portalKey: "kx")?.id == "x")
        #expect(try await store.accounts.find(portalKey: "kz") == nil)
        #expect(try await store.accounts.find("z") == nil)
        await #expect(throws: StorageError.self) { try await store.accounts.insert(fixture.account("w", portalKey: "kx")) }
        try await store.accounts.insert(fixture.account("w", portalKey: "kz"))

        // Swapped through a free key, in one transaction.
        try await store.transaction { tx in
            var x = try #require(try await tx.accounts.find("x"))
            var y = try #require(try await tx.accounts.find("y"))
            x.portalKey = "tmp"
            try await tx.accounts.update(x)
            y.portalKey = "kx"
            try await tx.accounts.update(y)
            x.portalKey = "ky"
            try await tx.accounts.update(x)
        }
        #expect(try await store.accounts.find(portalKey: "kx")?.id == "y")
        #expect(try await store.accounts.find(portalKey: "ky")?.id == "x")
        #expect(try await store.accounts.find(portalKey: "tmp") == nil)
        await #expect(throws: StorageError.self) { try await store.accounts.insert(fixture.account("v", portalKey: "ky")) }
        try await store.accounts.insert(fixture.account("v", portalKey: "tmp"))
        try await fixture.tearDown()
    }
}
