import Foundation
import PortalKernel
import Testing

/// The conformance check of saved payment methods (#24).
extension StorageConformance {
    func paymentMethods() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        func method(_ id: String, _ last4: String, isDefault: Bool, minutes: Double, removed: Bool = false) -> PaymentMethod {
            PaymentMethod(
                id: .init(rawValue: id), accountID: a, customerID: customer.id,
                card: SavedCard(token: "tok_\(id)", summary: CardSummary(brand: "Visa", last4: last4), expiryMonth: 12, expiryYear: 2030),
                gateway: "sandbox", isDefault: isDefault, savedBy: "cece@example.com", createdAt: fixture.now.addingTimeInterval(minutes * 60),
                removedAt: removed ? fixture.now.addingTimeInterval(minutes * 60 + 1) : nil)
        }
        let methods = [
            method("pm-old", "1111", isDefault: false, minutes: 0), method("pm-default", "2222", isDefault: true, minutes: 1),
            method("pm-new", "3333", isDefault: false, minutes: 2), method("pm-gone", "4444", isDefault: false, minutes: 3, removed: true),
        ]
        for item in methods { try await store.records(PaymentMethod.self).insert(item) }
        #expect(try await store.records(PaymentMethod.self).find("pm-default", in: a) == methods[1])
        #expect(try await store.records(PaymentMethod.self).onFile(of: customer.id, in: a).map(\.id) == ["pm-default", "pm-new", "pm-old"])
        #expect(try await store.records(PaymentMethod.self).onFile("pm-gone", of: customer.id, in: a) == nil)
        #expect(try await store.records(PaymentMethod.self).onFile("pm-new", of: "someone-else", in: a) == nil)
        #expect(try await store.records(PaymentMethod.self).onFile(of: customer.id, in: StorageFixture.accountB).isEmpty)
        var removed = methods[2]
        removed.removedAt = fixture.now.addingTimeInterval(600)
        try await store.records(PaymentMethod.self).update(removed)
        #expect(try await store.records(PaymentMethod.self).onFile(of: customer.id, in: a).map(\.id) == ["pm-default", "pm-old"])
        var orphan = methods[0]
        orphan.id = "pm-orphan"
        orphan.customerID = "no-such-customer"
        await #expect(throws: StorageError.self) { try await store.records(PaymentMethod.self).insert(orphan) }
        try await fixture.tearDown()
    }
}
