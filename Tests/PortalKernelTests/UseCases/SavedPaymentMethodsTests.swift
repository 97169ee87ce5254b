import Foundation
import PortalKernel
import SandboxPayments
import Testing

/// SPEC F11 (#24 point 2) through `SavedPaymentMethods` and `InvoicePayments` on the in-memory store and the sandbox.
@Suite("F11: saved payment methods")
struct SavedPaymentMethodsTests {
    struct Wallet {
        let bed: UseCaseBed
        let methods: SavedPaymentMethods
        let payments: InvoicePayments
        var client: SavedPaymentMethods.Client { .init(customer: bed.customer, email: "cece@example.com", origin: bed.origin) }
        var sandbox: SandboxPayments { bed.services.paymentGateway as! SandboxPayments }

        init() async throws {
            bed = try await UseCaseBed(allowsPartialPayments: true)
            methods = SavedPaymentMethods(services: bed.services, emails: KindComposer())
            payments = InvoicePayments(services: bed.services, emails: KindComposer())
        }

        static func card(_ number: String, month: Int = 12, year: Int = 40) -> CardDetails {
            CardDetails(number: number, expiryMonth: month, expiryYear: year, securityCode: "123", nameOnCard: "Cece")
        }

        func save(_ number: String) async throws -> PaymentMethod {
            guard case .done(let method) = try await methods.save(Self.card(number), account: bed.account, by: client) else {
                throw PaymentGatewayError(message: "not saved")
            }
            return method
        }

        func pay(_ invoice: Invoice, cents: Int, with card: InvoicePayments.Card, customer: Customer? = nil) async throws -> InvoicePayments.Outcome {
            try await payments.pay(
                invoice.id, of: customer ?? bed.customer, account: bed.account, amount: Money(cents: cents), with: card,
                idempotencyKey: "key-\(UUID().uuidString)", actorEmail: "cece@example.com", origin: bed.origin)
        }
    }

    @Test("F11: the first card saved is the default; the list is the default first, then the newest; making another default leaves one default; removing the default makes the newest the default and forgets the token at the gateway")
    func listDefaultRemove() async throws {
        let wallet = try await Wallet()
        let first = try await wallet.save(SandboxPayments.TestCard.approved)
        let second = try await wallet.save("5555 5555 5555 4444")
        #expect(first.isDefault && !second.isDefault && first.card.summary.last4 == "4242" && second.card.summary.brand == "Mastercard")
        #expect(try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id).map(\.id) == [first.id, second.id])
        _ = try await wallet.methods.makeDefault(second.id, account: wallet.bed.account, by: wallet.client)
        let after = try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id)
        #expect(after.map(\.id) == [second.id, first.id] && after.filter(\.isDefault).count == 1)

        guard case .done(let removed) = try await wallet.methods.remove(second.id, account: wallet.bed.account, by: wallet.client) else {
            Issue.record("not removed")
            return
        }
        #expect(removed.removedAt != nil && !removed.isDefault)
        let left = try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id)
        #expect(left.map(\.id) == [first.id] && left[0].isDefault)
        // The gateway forgot it: a charge of the removed token is declined.
        let charge = try await wallet.sandbox.charge(
            ChargeRequest(amount: Money(cents: 100), currencyCode: "USD", source: .saved(second.card), idempotencyKey: "k-removed", description: "x"))
        guard case .declined = charge else {
            Issue.record("the removed card was charged")
            return
        }
        #expect(try await wallet.methods.remove(second.id, account: wallet.bed.account, by: wallet.client) == .notFound)
        let actions = try await wallet.bed.services.storage.auditEvents.recent(in: wallet.bed.account.id, limit: 10).map(\.action)
        #expect(Set(actions) == [.paymentMethodSaved, .paymentMethodMadeDefault, .paymentMethodRemoved])
    }

    @Test("F11: a declined card is never saved; another customer cannot see, remove, make default or pay with the card (the same answer as a missing one)")
    func isolation() async throws {
        let wallet = try await Wallet()
        #expect(try await wallet.methods.save(Wallet.card(SandboxPayments.TestCard.declined), account: wallet.bed.account, by: wallet.client)
            == .declined("Your card was declined. It was not saved."))
        let card = try await wallet.save(SandboxPayments.TestCard.approved)
        let birch = Customer(accountID: wallet.bed.account.id, displayName: "Birch", emails: ["birch@example.net"])
        try await wallet.bed.services.storage.customers.insert(birch)
        let theirs = SavedPaymentMethods.Client(customer: birch, email: "birch@example.net", origin: wallet.bed.origin)
        #expect(try await wallet.methods.onFile(for: birch.id, in: wallet.bed.account.id).isEmpty)
        #expect(try await wallet.methods.remove(card.id, account: wallet.bed.account, by: theirs) == .notFound)
        #expect(try await wallet.methods.makeDefault(card.id, account: wallet.bed.account, by: theirs) == .notFound)
        let invoice = Invoice(
            accountID: wallet.bed.account.id, customerID: birch.id, number: "INV-B", invoiceDate: wallet.bed.account.today(at: wallet.bed.clock.now),
            lineItems: [LineItem(description: "Hedge", unitPrice: Money(cents: 9_000))], createdAt: wallet.bed.clock.now)
        try await wallet.bed.services.storage.invoices.insert(invoice)
        let outcome = try await wallet.pay(invoice, cents: 9_000, with: .saved(card.id), customer: birch)
        #expect(outcome == .invalid("That card is not on file any more: choose another, or type a card."))
        #expect(wallet.sandbox.charges.isEmpty)
    }

    @Test("F11: paying with a typed card and Save saves it once (a second payment with the same card saves nothing new); paying with the card on file charges the token, one payment; a removed card charges nothing")
    func payWithSaved() async throws {
        let wallet = try await Wallet()
        let invoice = try await wallet.bed.openInvoice()
        let typed = InvoicePayments.Card.typed(Wallet.card(SandboxPayments.TestCard.approved), save: true)
        guard case .paid = try await wallet.pay(invoice, cents: 10_000, with: typed) else {
            Issue.record("not paid")
            return
        }
        guard case .paid = try await wallet.pay(invoice, cents: 10_000, with: typed) else {
            Issue.record("not paid")
            return
        }
        let onFile = try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id)
        #expect(onFile.count == 1 && onFile[0].savedBy == "cece@example.com")
        guard case .paid(let payment) = try await wallet.pay(invoice, cents: 10_000, with: .saved(onFile[0].id)) else {
            Issue.record("the card on file was not charged")
            return
        }
        #expect(payment.card == onFile[0].card.summary)
        #expect(wallet.sandbox.charges.count == 3)
        #expect(try await wallet.bed.services.storage.invoices.find(invoice.id, in: wallet.bed.account.id)?.balance == .zero)
        _ = try await wallet.methods.remove(onFile[0].id, account: wallet.bed.account, by: wallet.client)
        let another = try await wallet.bed.openInvoice(number: "INV-2")
        #expect(try await wallet.pay(another, cents: 100, with: .saved(onFile[0].id)) == .invalid("That card is not on file any more: choose another, or type a card."))
        #expect(wallet.sandbox.charges.count == 3)
    }

    @Test("F11/F12: a saved card that has expired since, or lacks funds, is declined and nothing is recorded; a typed card the gateway will not keep is paid with, and the client is told it was not saved")
    func savedCardDeclines() async throws {
        let wallet = try await Wallet()
        let invoice = try await wallet.bed.openInvoice()
        let expiring = try await wallet.save(SandboxPayments.TestCard.expiresWhenSaved)
        #expect(try await wallet.pay(invoice, cents: 5_000, with: .saved(expiring.id)) == .declined("The saved card has expired. Nothing was charged."))
        let poor = try await wallet.save(SandboxPayments.TestCard.insufficientFunds)
        #expect(try await wallet.pay(invoice, cents: 5_000, with: .saved(poor.id)) == .declined("Your card has insufficient funds. Nothing was charged."))
        #expect(try await wallet.bed.services.storage.payments.all(for: invoice.id, in: wallet.bed.account.id).isEmpty)

        // Charged, then the gateway cannot keep the card: the payment stands, and the client is told.
        var services = wallet.bed.services
        services.paymentGateway = NoSaving(sandbox: wallet.sandbox)
        let outcome = try await InvoicePayments(services: services, emails: KindComposer()).pay(
            invoice.id, of: wallet.bed.customer, account: wallet.bed.account, amount: Money(cents: 5_000),
            with: .typed(Wallet.card("4111 1111 1111 1111", month: 1, year: 41), save: true), idempotencyKey: "key-no-saving-0001",
            actorEmail: "cece@example.com", origin: wallet.bed.origin)
        guard case .paidCardNotSaved(let payment, let why) = outcome else {
            Issue.record("not paid, or said nothing of the card: \(outcome)")
            return
        }
        #expect(payment.amount == Money(cents: 5_000) && why == "The card service is down.")
        #expect(try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id).count == 2)
    }

    /// The sandbox's charges, but the card service is down when a card is to be kept.
    struct NoSaving: PaymentGateway {
        let sandbox: SandboxPayments
        var driverName: String { sandbox.driverName }
        var keepsCards: Bool { true }
        func charge(_ request: ChargeRequest) async throws -> ChargeResult { try await sandbox.charge(request) }
        func reverse(_ reversal: ChargeReversal) async throws { try await sandbox.reverse(reversal) }
        func saveCard(_ card: CardDetails, description: String) async throws -> SaveCardResult {
            throw PaymentGatewayError(message: "The card service is down.")
        }
    }

    @Test("F11: a client keeps at most 10 cards: the 11th is refused before the gateway is asked, and a payment asking to save it stands")
    func limit() async throws {
        let wallet = try await Wallet()
        for month in 1...SavedPaymentMethods.limit {
            _ = try await wallet.methods.save(Wallet.card(SandboxPayments.TestCard.approved, month: month), account: wallet.bed.account, by: wallet.client)
        }
        #expect(try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id).count == SavedPaymentMethods.limit)
        let refused = try await wallet.methods.save(Wallet.card(SandboxPayments.TestCard.approved, month: 11, year: 41), account: wallet.bed.account, by: wallet.client)
        #expect(refused == .declined("You have 10 cards saved, the most we keep: remove one to save another."))
        let invoice = try await wallet.bed.openInvoice()
        let outcome = try await wallet.pay(invoice, cents: 100, with: .typed(Wallet.card(SandboxPayments.TestCard.approved, month: 12, year: 41), save: true))
        guard case .paidCardNotSaved = outcome else {
            Issue.record("not paid, or the card was saved: \(outcome)")
            return
        }
        #expect(try await wallet.methods.onFile(for: wallet.bed.customer.id, in: wallet.bed.account.id).count == SavedPaymentMethods.limit)
    }
}
