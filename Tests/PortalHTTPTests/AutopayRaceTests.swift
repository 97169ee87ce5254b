import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC F12 with M3: autopay never charges an invoice more than its balance, or twice, whoever else charges it at the
/// same instant. Counted from the gateway's own records.
@Suite("F12: autopay races")
struct AutopayRaceTests {
    @Test("F12/M3: two autopay runs (on PostgreSQL two instances of one database) and the client paying by hand, all at the same instant: the invoice is charged once, never beyond its balance, counted from the gateway's records", arguments: TestStorage.all)
    func race(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let (account, cece, who, card) = try await Self.autopayOn(bed)
        let invoice = Invoice(
            accountID: Seed.accountA, customerID: Seed.cece, number: "MARK-CECE-AUTOPAY", invoiceDate: account.today(at: bed.clock.now),
            sentAt: bed.clock.now, lineItems: [LineItem(description: "Mowing", unitPrice: Money(cents: 8_800))], createdAt: bed.clock.now)
        try await bed.services.storage.invoices.insert(invoice)

        let second = try await BackOfficeVisitTests.secondInstance(bed, storage)
        let payer = (services: bed.services, account: account)
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in [bed.services, second] {
                group.addTask { _ = try await AutopayRun(services: instance, emails: emails).run() }
            }
            group.addTask {
                _ = try await InvoicePayments(services: payer.services, emails: emails).pay(
                    invoice.id, of: cece, account: payer.account, amount: Money(cents: 8_800), with: .saved(card.id),
                    idempotencyKey: "by-hand-\(UUID().uuidString)", actorEmail: "cece@example.com", origin: who.origin)
            }
            try await group.waitForAll()
        }
        let payments = try await bed.services.storage.payments.all(for: invoice.id, in: Seed.accountA)
        let charged = bed.gateway.keptCharges.filter { $0.description == "Invoice MARK-CECE-AUTOPAY" }
        #expect(payments.count == 1 && charged.count == 1, "\(storage.name): \(payments.count) payments, \(charged.count) charges")
        #expect(try await bed.services.storage.invoices.find(invoice.id, in: Seed.accountA)?.balance == .zero)
        if storage.name == "postgres" { try await second.storage.close() }
        await bed.remove()
    }

    /// Client A with a card on file and autopay on, charging from midnight: the account, the customer, the client and
    /// the card.
    static func autopayOn(_ bed: PortalTestbed) async throws -> (Account, Customer, ClientActor, PaymentMethod) {
        var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        account.settings.autopayHour = 0
        try await bed.services.storage.accounts.update(account)
        let cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let who = ClientActor(customer: cece, email: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        guard case .done(let card) = try await SavedPaymentMethods(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)).save(
            CardDetails(number: "4242424242424242", expiryMonth: 12, expiryYear: 40, securityCode: "123", nameOnCard: "Cece"), account: account, by: who)
        else { throw PortalTestbed.Missing(what: "a saved card") }
        let autopays = Autopays(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let wording = try #require(try await autopays.wording(for: Seed.cece, account: account))
        _ = try await autopays.turnOn(account: account, by: who, agreedHash: SecretToken.hash(of: wording))
        return (account, cece, who, card)
    }
}
