import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import SandboxPayments
import Testing

@testable import PortalHTTP

/// SPEC M3: whatever the number of tabs, devices or API clients paying one invoice at once, the cards are charged
/// no more than its balance. Each test runs on SQLite, JSON and PostgreSQL and counts the gateway's own charges.
@Suite("M3 payments of one invoice at once")
struct PaymentRaceTests {
    typealias I = Seed.CeceInvoice

    /// One pay form's fields with its own idempotency key, as a tab opened it, `amount` seen and confirmed.
    static func payFields(key: String, amount: String) -> [(String, String)] {
        [
            ("idempotencyKey", key), ("amount", amount), ("confirmedAmount", amount), ("nameOnCard", "Cece Cunningham"),
            ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
        ]
    }

    /// `count` tabs of Cece's browser, each with the pay form of `invoice` open (its own key).
    static func openTabs(_ count: Int, of invoice: Invoice.ID, bed: PortalTestbed, client: any TestClientProtocol) async throws -> [(Browser, String)] {
        var browser = Browser(client)
        try await bed.logIn("cece@example.com", browser: &browser)
        var tabs: [(Browser, String)] = []
        for _ in 0..<count {
            var tab = browser
            let form = try await tab.get("/portal/greenleaf/invoices/\(invoice)/pay")
            tabs.append((tab, try #require(form.hiddenField("idempotencyKey"))))
        }
        return tabs
    }

    /// Posts every tab's form at once; the statuses in any order.
    static func submitAll(_ tabs: [(Browser, String)], of invoice: Invoice.ID, amount: String) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for (tab, key) in tabs {
                group.addTask {
                    var tab = tab
                    return try await tab.post("/portal/greenleaf/invoices/\(invoice)/pay", payFields(key: key, amount: amount)).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// What the invoice took, checked against what the cards were charged: one payment per kept charge, never
    /// beyond the total.
    static func expectNoOverpayment(_ bed: PortalTestbed, invoice id: Invoice.ID, total: Money) async throws -> Invoice {
        let invoice = try #require(try await bed.services.storage.invoices.find(id, in: Seed.accountA))
        let payments = try await bed.services.storage.payments.all(for: id, in: Seed.accountA)
        let kept = bed.gateway.keptCharges
        #expect(invoice.amountPaid <= total)
        #expect(try Money.sum(payments.map(\.amount)) == invoice.amountPaid)
        #expect(kept.count == payments.filter { $0.method == .card }.count)
        #expect(Set(kept.map(\.reference)) == Set(payments.compactMap(\.gatewayReference)))
        return invoice
    }

    @Test("M3: ten tabs pay the whole invoice at once: one charge, one payment", arguments: TestStorage.all)
    func tenTabsInFull(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        try await bed.run { client in
            let tabs = try await Self.openTabs(10, of: I.unpaid, bed: bed, client: client)
            let statuses = try await Self.submitAll(tabs, of: I.unpaid, amount: "200.00")
            #expect(statuses.filter { $0 == .seeOther }.count >= 1)
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .conflict }, "\(statuses)")
            let invoice = try await Self.expectNoOverpayment(bed, invoice: I.unpaid, total: Money(cents: 20_000))
            #expect(invoice.amountPaid == Money(cents: 20_000))
            #expect(bed.gateway.keptCharges.map(\.amount) == [Money(cents: 20_600)])
        }
        await bed.remove()
    }

    @Test("M3: two partial payments of 60 % at once: only one is taken", arguments: TestStorage.all)
    func twoPartials(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        try await bed.run { client in
            let tabs = try await Self.openTabs(2, of: I.unpaid, bed: bed, client: client)
            _ = try await Self.submitAll(tabs, of: I.unpaid, amount: "120.00")
            let invoice = try await Self.expectNoOverpayment(bed, invoice: I.unpaid, total: Money(cents: 20_000))
            #expect(invoice.amountPaid == Money(cents: 12_000))
            #expect(bed.gateway.keptCharges.count == 1)
        }
        await bed.remove()
    }

    @Test("M3: three portal tabs and three API clients pay at once: never beyond the total", arguments: TestStorage.all)
    func portalAndAPI(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let tabs = try await Self.openTabs(3, of: I.unpaid, bed: bed, client: client)
            let api = APIClient(client: client, token: token)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await Self.submitAll(tabs, of: I.unpaid, amount: "200.00") }
                for index in 0..<3 {
                    group.addTask {
                        _ = try await api.call(
                            .post, "/api/v1/invoices/\(I.unpaid)/payments", ["amount": 20_000, "method": "check"],
                            headers: [HTTPField.Name("Idempotency-Key")!: "api-payment-\(index)"])
                    }
                }
                try await group.waitForAll()
            }
            let invoice = try await Self.expectNoOverpayment(bed, invoice: I.unpaid, total: Money(cents: 20_000))
            #expect(invoice.amountPaid == Money(cents: 20_000))
            #expect(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).count == 1)
        }
        await bed.remove()
    }

    /// A gateway that lets something happen between approving a charge and the portal recording it.
    struct InterleavingGateway: PaymentGateway {
        let sandbox: SandboxPayments
        let whileCharging: @Sendable () async throws -> Void
        var driverName: String { sandbox.driverName }

        func charge(_ request: ChargeRequest) async throws -> ChargeResult {
            let result = try await sandbox.charge(request)
            try await whileCharging()
            return result
        }

        func reverse(_ reversal: ChargeReversal) async throws { try await sandbox.reverse(reversal) }
    }

    /// Cece paying her unpaid invoice through a gateway that runs `whileCharging(desk, account)` between approving
    /// the charge and the portal recording it; each call pays `cents` with `key`.
    struct InterleavedPayer {
        let pay: @Sendable (_ cents: Int, _ key: String) async throws -> InvoicePayments.Outcome

        init(_ bed: PortalTestbed, whileCharging: @escaping @Sendable (Billing, Account) async throws -> Void) async throws {
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let customer = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
            let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
            let desk = Billing(services: bed.services, emails: emails)
            var services = bed.services
            services.paymentGateway = InterleavingGateway(sandbox: bed.gateway) { try await whileCharging(desk, account) }
            let payments = InvoicePayments(services: services, emails: emails)
            let card = CardDetails(number: SandboxPayments.TestCard.approved, expiryMonth: 12, expiryYear: 2030, securityCode: "123", nameOnCard: "Cece")
            pay = { cents, key in
                try await payments.pay(
                    I.unpaid, of: customer, account: account, amount: Money(cents: cents), card: card, idempotencyKey: key,
                    actorEmail: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
            }
        }
    }

    @Test("M3: staff record the whole balance while the card is charged: the charge is reversed at the gateway", arguments: TestStorage.all)
    func staffPaymentWhileCharging(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let payer = try await InterleavedPayer(bed) { desk, account in
            _ = try await desk.markPaid(I.unpaid, method: .check, in: account, by: nil)
        }
        let outcome = try await payer.pay(5_000, SecretToken.generate().value)
        #expect(outcome == .nothingOwed)
        #expect(bed.gateway.charges.count == 1)
        #expect(bed.gateway.keptCharges.isEmpty)
        let payments = try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA)
        #expect(payments.map(\.method) == [.check])
        #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.amountPaid == Money(cents: 20_000))
        await bed.remove()
    }
}
