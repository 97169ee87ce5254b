import Foundation

/// Recording an approved card charge against an invoice (SPEC M3, F10, F14, F15), inside the caller's transaction: one
/// invoice's payment (``InvoicePayments``) or each of a statement's (``InvoicePayments/payAll``).
extension InvoicePayments {
    /// Checks that `invoiceID` still owes at least `quote.amount` (SPEC M3; ``Unrecordable`` otherwise: the charge is
    /// to be given back), then records the payment under `key`, its tip against the crew (``Tip``), the new balance,
    /// the `invoice.paid` webhook and the audit event. Returns the payment and the invoice as it now is.
    static func apply(
        _ quote: Quote, to invoiceID: Invoice.ID, reference: String, card: CardSummary, key: String, customer: Customer, account: Account,
        actorEmail: String?, origin: RequestOrigin, at now: Date, store: any Repositories
    ) async throws -> (Payment, Invoice) {
        let due = { (money: Money) in money.formatted(currencyCode: account.currencyCode) }
        guard var invoice = try await store.invoices.find(invoiceID, in: account.id), invoice.customerID == customer.id else {
            throw StorageError.notFound("invoice \(invoiceID)")
        }
        let balance = try invoice.balance
        guard !invoice.voided, balance > .zero else {
            throw Unrecordable(outcome: .nothingOwed, reason: "invoice \(invoice.number) owes nothing now")
        }
        guard quote.amount <= balance else {
            throw Unrecordable(
                outcome: .startAgain("The amount is more than the \(due(balance)) now due. Nothing was charged."),
                reason: "invoice \(invoice.number) owes \(due(balance)), less than \(due(quote.amount))")
        }
        let payment = Payment(
            accountID: account.id, invoiceID: invoice.id, amount: quote.amount, serviceFee: quote.serviceFee,
            tip: quote.tip > .zero ? quote.tip : nil, method: .card, source: .portal, gatewayReference: reference, card: card,
            idempotencyKey: key, receivedAt: now)
        try await store.payments.insert(payment)
        if quote.tip > .zero {
            // SPEC F14: recorded against the crew, for staff to pay out.
            let crew = try await Tips.crew(for: invoice, today: account.today(at: now), store: store)
            try await store.records(Tip.self).insert(
                Tip(accountID: account.id, paymentID: payment.id, invoiceID: invoice.id, customerID: customer.id, amount: quote.tip,
                    crew: crew?.crew, visitID: crew?.visit, receivedAt: now))
        }
        invoice.amountPaid = try invoice.amountPaid.adding(quote.amount)
        try await store.invoices.update(invoice)
        if invoice.isPaid {
            try await WebhookEvents.enqueue(.invoicePaid, data: invoice, about: .invoice(invoice.id), account: account, store: store, at: now)
        }
        try await store.auditEvents.record(
            AuditEvent(
                accountID: account.id, action: .invoicePaid, about: .invoice(invoice.id), customerID: customer.id,
                actorEmail: actorEmail, ipAddress: origin.ipAddress, userAgent: origin.userAgent,
                detail: "Paid \(due(quote.amount))" + (quote.tip > .zero ? " and a tip of \(due(quote.tip))" : "") + " (\(card))",
                occurredAt: now))
        return (payment, invoice)
    }
}
