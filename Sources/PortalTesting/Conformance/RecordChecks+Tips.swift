import Foundation
import PortalKernel
import Testing

/// The conformance check of tips and refunds (#24, SPEC F14, F15).
extension StorageConformance {
    func tips() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let (customer, invoice) = try await fixture.seedInvoiceOfAccountA()
        let a = StorageFixture.accountA
        let payment = Payment(
            id: "pay-1", accountID: a, invoiceID: invoice.id, amount: Money(cents: 500), tip: Money(cents: 100), method: .card, source: .portal,
            receivedAt: fixture.now)
        try await store.payments.insert(payment)
        func tip(_ id: String, _ crew: String?, hours: Double) -> Tip {
            Tip(
                id: .init(rawValue: id), accountID: a, paymentID: payment.id, invoiceID: invoice.id, customerID: customer.id,
                amount: Money(cents: 100), crew: crew, visitID: nil, receivedAt: fixture.now.addingTimeInterval(hours * 3_600))
        }
        let tips = [tip("tip-late", "Crew B", hours: 30), tip("tip-early", nil, hours: -2), tip("tip-mid", "Crew A", hours: 5)]
        for item in tips { try await store.records(Tip.self).insert(item) }
        #expect(try await store.records(Tip.self).find("tip-mid", in: a) == tips[2])
        let day = try await store.records(Tip.self).all(
            in: a, where: [.atLeast("received_at", .instant(fixture.now)), .below("received_at", .instant(fixture.now.addingTimeInterval(86_400)))],
            orderedBy: [.ascending("received_at")])
        #expect(day.map(\.id) == ["tip-mid"])
        #expect(try await store.records(Tip.self).all(in: a, orderedBy: [.ascending("received_at")]).map(\.id) == ["tip-early", "tip-mid", "tip-late"])
        #expect(try await store.records(Tip.self).all(in: StorageFixture.accountB).isEmpty)
        var orphan = tips[0]
        orphan.id = "tip-orphan"
        orphan.paymentID = "no-such-payment"
        await #expect(throws: StorageError.self) { try await store.records(Tip.self).insert(orphan) }

        let refund = Refund(
            id: "refund-1", accountID: a, paymentID: payment.id, invoiceID: invoice.id, amount: Money(cents: 200), serviceFee: .zero,
            tip: .zero, gatewayReference: "sandbox_refund_1", idempotencyKey: "refund-key-1", refundedBy: "olive@example.com",
            refundedAt: fixture.now)
        try await store.records(Refund.self).insert(refund)
        #expect(try await store.records(Refund.self).unique(key: ["account_id", "idempotency_key"], [a.rawValue, "refund-key-1"]) == refund)
        #expect(try await store.records(Refund.self).all(in: a, where: [.equal("payment_id", .text(payment.id.rawValue))]) == [refund])
        var twice = refund
        twice.id = "refund-2"
        await #expect(throws: StorageError.self) { try await store.records(Refund.self).insert(twice) }
        #expect(try await store.records(Refund.self).all(in: StorageFixture.accountB).isEmpty)
        try await fixture.tearDown()
    }
}
