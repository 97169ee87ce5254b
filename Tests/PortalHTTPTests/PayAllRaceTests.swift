import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC F15 with M3: "Pay all" never charges an invoice twice or beyond its balance, whoever else charges it at the same
/// instant: a second tab's "Pay all", autopay on another instance, two refunds of one payment. Counted from the
/// gateway's own records.
@Suite("F15: Pay all and refund races")
struct PayAllRaceTests {
    @Test("F15/M3: two Pay all from two tabs and an autopay run (on PostgreSQL, another instance of one database), all at the same instant: each invoice is paid once, never beyond its balance, and every charge the gateway kept is recorded", arguments: TestStorage.all)
    func payAllRace(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let (account, cece, who, card) = try await AutopayRaceTests.autopayOn(bed)
        // Due today, so autopay charges it now; the seed's unpaid invoice is due later, so only Pay all pays that one.
        let due = Invoice(
            accountID: Seed.accountA, customerID: Seed.cece, number: "MARK-CECE-DUE", invoiceDate: account.today(at: bed.clock.now),
            sentAt: bed.clock.now, lineItems: [LineItem(description: "Mowing", unitPrice: Money(cents: 8_800))], createdAt: bed.clock.now)
        try await bed.services.storage.invoices.insert(due)
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        let statement = try await InvoicePayments(services: bed.services, emails: emails).statement(of: Seed.cece, account: account)
        let shown = Set(statement.invoices.map(\.id))
        #expect(shown.count >= 2)

        let second = try await BackOfficeVisitTests.secondInstance(bed, storage)
        let payer = (services: bed.services, account: account, charge: statement.charge)
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for tab in 1...2 {
                group.addTask {
                    let outcome = try await InvoicePayments(services: payer.services, emails: emails).payAll(
                        shown, of: cece, account: payer.account, expectedCharge: payer.charge, with: .saved(card.id),
                        idempotencyKey: "pay-all-tab-\(tab)-\(UUID().uuidString)", actorEmail: "cece@example.com", origin: who.origin)
                    return "\(outcome)"
                }
            }
            group.addTask {
                _ = try await AutopayRun(services: second, emails: emails).run()
                return "autopay"
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        let store = bed.services.storage
        var recorded = Money.zero
        for id in shown {
            let invoice = try #require(try await store.invoices.find(id, in: Seed.accountA))
            let payments = try await store.payments.all(for: id, in: Seed.accountA)
            #expect(payments.count <= 1, "\(storage.name): \(invoice.number) paid \(payments.count) times; \(outcomes)")
            let total = try invoice.total
            #expect(invoice.amountPaid <= total, "\(storage.name): \(invoice.number) overpaid")
            for payment in payments { recorded = try recorded.adding(try payment.charged) }
        }
        let kept = try bed.gateway.keptCharges.reduce(Money.zero) { try $0.adding($1.amount) }
        #expect(kept == recorded, "\(storage.name): the gateway kept \(kept), the portal recorded \(recorded); \(outcomes)")
        #expect(outcomes.filter { $0.hasPrefix("paid") }.count <= 1, "\(storage.name): \(outcomes)")
        #expect(try await store.invoices.find(due.id, in: Seed.accountA)?.balance == .zero, "\(storage.name): the invoice due today is paid")
        if storage.name == "postgres" { try await second.storage.close() }
        await bed.remove()
    }

    @Test("F15/M3: two refunds of one payment at the same instant (on PostgreSQL from two instances) never give back more than was charged", arguments: TestStorage.all)
    func refundRace(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        guard case .paid(let payment) = try await InvoicePayments(services: bed.services, emails: emails).pay(
            Seed.CeceInvoice.unpaid, of: cece, account: account, amount: Money(cents: 20_000),
            card: CardDetails(number: "4242424242424242", expiryMonth: 12, expiryYear: 40, securityCode: "123", nameOnCard: "Cece"),
            idempotencyKey: "refund-race-payment-1", actorEmail: nil, origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        else { throw PortalTestbed.Missing(what: "a card payment") }
        let charged = try payment.charged
        let second = try await BackOfficeVisitTests.secondInstance(bed, storage)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, instance) in [bed.services, second].enumerated() {
                group.addTask {
                    // Each asks for three quarters of the charge: both together would be more than it.
                    _ = try await Refunds(services: instance, emails: emails).refund(
                        payment.id, amount: Money(cents: charged.cents * 3 / 4), idempotencyKey: "refund-race-\(index)", in: account, by: nil,
                        actorName: nil)
                }
            }
            try await group.waitForAll()
        }
        let given = try bed.gateway.refunds.reduce(Money.zero) { try $0.adding($1.amount) }
        let stored = try #require(try await bed.services.storage.payments.find(payment.id, in: Seed.accountA))
        #expect(given <= charged && stored.refunded == given, "\(storage.name): gave back \(given) of \(charged), recorded \(String(describing: stored.refunded))")
        let invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
        let (balance, total) = (try invoice.balance, try invoice.total)
        #expect(invoice.amountPaid >= .zero && balance <= total)
        if storage.name == "postgres" { try await second.storage.close() }
        await bed.remove()
    }
}
