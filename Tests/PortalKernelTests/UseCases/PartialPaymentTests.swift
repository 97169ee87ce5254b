import Foundation
import PortalKernel
import Testing

/// Card payments through `InvoicePayments` on the in-memory store beyond the happy path (#19, point 8): partial
/// payments, and a declined card.
@Suite("InvoicePayments: partial payments and declined cards")
struct PartialPaymentTests {
    static func pay(_ bed: UseCaseBed, _ invoice: Invoice, cents: Int, card: CardDetails = UseCaseBed.approvedCard, key: String) async throws
        -> InvoicePayments.Outcome
    {
        try await InvoicePayments(services: bed.services, emails: KindComposer()).pay(
            invoice.id, of: bed.customer, account: bed.account, amount: Money(cents: cents), card: card, idempotencyKey: key,
            actorEmail: "cece@example.com", origin: bed.origin)
    }

    static func balance(_ bed: UseCaseBed, _ invoice: Invoice) async throws -> Money? {
        try await bed.services.storage.invoices.find(invoice.id, in: bed.account.id)?.balance
    }

    @Test("F10: without partial payments only the whole balance is taken; with them a part is paid and the balance drops")
    func partial() async throws {
        let whole = try await UseCaseBed()
        let invoice = try await whole.openInvoice()
        #expect(try await Self.pay(whole, invoice, cents: 10_000, key: "partial-key-000001") == .invalid("This invoice can only be paid in full (USD 300.00)."))
        #expect(try await Self.balance(whole, invoice) == Money(cents: 30_000))

        let partial = try await UseCaseBed(allowsPartialPayments: true)
        let open = try await partial.openInvoice()
        guard case .paid(let payment) = try await Self.pay(partial, open, cents: 10_000, key: "partial-key-000002") else {
            Issue.record("a partial payment was refused")
            return
        }
        #expect(payment.source == .portal && payment.method == .card && payment.amount == Money(cents: 10_000))
        #expect(try await Self.balance(partial, open) == Money(cents: 20_000))
        #expect(try await Self.pay(partial, open, cents: 20_001, key: "partial-key-000003") == .invalid("The amount is more than the USD 200.00 due."))
        #expect(try await partial.services.storage.payments.all(for: open.id, in: partial.account.id).map(\.id) == [payment.id])
    }

    @Test("F10: a declined card records no payment, no receipt and no change to the balance")
    func declined() async throws {
        let bed = try await UseCaseBed()
        let invoice = try await bed.openInvoice()
        var card = UseCaseBed.approvedCard
        card.number = "4000 0000 0000 0002"
        guard case .declined = try await Self.pay(bed, invoice, cents: 30_000, card: card, key: "declined-key-00001") else {
            Issue.record("a declined card was not declined")
            return
        }
        #expect(try await bed.services.storage.payments.all(for: invoice.id, in: bed.account.id).isEmpty)
        #expect(try await Self.balance(bed, invoice) == Money(cents: 30_000))
        #expect(try await bed.queuedEmails().isEmpty)
    }
}
