import Foundation

/// Staff refunding a card payment through the gateway, in full or in part (SPEC F15): the invoice's balance reopens by
/// the part that was paid into it, the client is emailed, and `payment.refunded` is sent.
public struct Refunds: Sendable {
    /// What a refund led to.
    public enum Outcome: Hashable, Sendable {
        /// Given back and recorded (or, for a key seen before, the refund that key made); the invoice as it now is.
        case refunded(Refund, Invoice)
        /// The gateway refused; nothing was given back.
        case declined(String)
        /// The gateway could not be reached; nothing was given back.
        case gatewayUnavailable(String)
        /// The amount, the key or the payment cannot be refunded; says why.
        case invalid(String)
        /// Another refund of this payment is under way; nothing was given back by this one.
        case inProgress
        /// No such payment in the account.
        case notFound
    }

    /// The parts of one refund: off the invoice, of the service fee, of the tip (minor units, SPEC M1).
    public struct Split: Hashable, Sendable {
        /// Off the invoice: its balance reopens by it.
        public let amount: Money
        /// Of the payment's service fee.
        public let serviceFee: Money
        /// Of the payment's tip: the crew's tip shrinks by it.
        public let tip: Money
    }

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Refunds through `services.paymentGateway`, records in `services.storage`, words the client's email with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// How a refund of `refund` splits on `payment`, given what earlier refunds gave back (``Payment/refunded``): the
    /// part paid into the invoice first, then the service fee, then the tip. ``AmountOutOfRange`` for amounts out of
    /// range (SPEC M2).
    public static func split(_ refund: Money, of payment: Payment) throws(AmountOutOfRange) -> Split {
        var left = refund
        var before = payment.refunded ?? .zero
        var parts: [Money] = []
        for part in [payment.amount, payment.serviceFee, payment.tip ?? .zero] {
            // What of this part earlier refunds took, then what of the rest this one takes.
            let earlier = min(before, part)
            before = try before.subtracting(earlier)
            let taken = min(left, try part.subtracting(earlier))
            left = try left.subtracting(taken)
            parts.append(taken)
        }
        return Split(amount: parts[0], serviceFee: parts[1], tip: parts[2])
    }

    /// Whether the gateway refunds through the portal (the sandbox does; a plugin without refunds does not, and the back
    /// office then offers none).
    public var available: Bool { services.paymentGateway.refundsPayments }

    /// The refunds of `payment`, oldest first.
    public func refunds(ofPayment payment: Payment.ID, in account: Account.ID) async throws -> [Refund] {
        try await services.storage.records(Refund.self).all(
            in: account, where: [.equal("payment_id", .text(payment.rawValue))], orderedBy: [.ascending("refunded_at")])
    }

    /// Gives back `amount` of `paymentID` (everything left of it when `nil`) through the gateway and records it, once
    /// per `idempotencyKey` (1 to 128 characters). Only a card payment the gateway charged can be refunded, at most
    /// what is left of it. One refund of a payment runs at a time (a claim, as payments hold on invoices).
    public func refund(
        _ paymentID: Payment.ID, amount: Money?, idempotencyKey: String, in account: Account, by actor: StaffActor?, actorName: String?
    ) async throws -> Outcome {
        guard (1...128).contains(idempotencyKey.unicodeScalars.count) else { return .invalid("An Idempotency-Key is 1–128 characters.") }
        let store = services.storage
        if let earlier = try await store.records(Refund.self).unique(key: ["account_id", "idempotency_key"], [account.id.rawValue, idempotencyKey]) {
            return try await repeated(earlier, for: paymentID, asked: amount, in: account.id)
        }
        guard let payment = try await store.payments.find(paymentID, in: account.id) else { return .notFound }
        guard payment.method == .card, payment.gatewayReference != nil else {
            return .invalid("Only a card payment made in the portal is refunded through the payment service; give this one back as it was paid.")
        }
        let claim = Lease(counters: store.counters, subject: "payment-refund:\(account.id):\(paymentID)")
        guard try await claim.take(at: services.clock.now, lifetime: InvoicePayments.claimLifetime) else { return .inProgress }
        do {
            let outcome = try await refundClaimed(paymentID, amount: amount, idempotencyKey: idempotencyKey, in: account, by: actor, actorName: actorName)
            try await claim.release(at: services.clock.now)
            return outcome
        } catch {
            try? await claim.release(at: services.clock.now)
            throw error
        }
    }

    /// The answer to a key that already refunded: that refund, unless it was of another payment or another amount
    /// (`asked`; `nil`, "what is left", matches a refund that left nothing of the payment).
    private func repeated(_ earlier: Refund, for paymentID: Payment.ID, asked: Money?, in account: Account.ID) async throws -> Outcome {
        // Without an amount ("what is left") a repeat is the same request only when that refund left nothing.
        let sameAmount: Bool
        if let asked {
            sameAmount = try asked == earlier.total
        } else {
            sameAmount = try await services.storage.payments.find(earlier.paymentID, in: account)?.refundable == .zero
        }
        guard earlier.paymentID == paymentID, sameAmount, let invoice = try await services.storage.invoices.find(earlier.invoiceID, in: account) else {
            return .invalid("This Idempotency-Key was used for another refund.")
        }
        return .refunded(earlier, invoice)
    }

    /// With the payment's claim held: reads it afresh, checks the amount, refunds at the gateway and records.
    private func refundClaimed(
        _ paymentID: Payment.ID, amount: Money?, idempotencyKey: String, in account: Account, by actor: StaffActor?, actorName: String?
    ) async throws -> Outcome {
        let store = services.storage
        if let earlier = try await store.records(Refund.self).unique(key: ["account_id", "idempotency_key"], [account.id.rawValue, idempotencyKey]) {
            return try await repeated(earlier, for: paymentID, asked: amount, in: account.id)
        }
        guard let payment = try await store.payments.find(paymentID, in: account.id), let reference = payment.gatewayReference,
            let invoice = try await store.invoices.find(payment.invoiceID, in: account.id)
        else { return .notFound }
        let left = try payment.refundable
        let asked = amount ?? left
        let words = { (money: Money) in money.formatted(currencyCode: account.currencyCode) }
        guard left > .zero else { return .invalid("This payment was refunded in full already.") }
        guard asked > .zero, asked <= left else { return .invalid("Refund more than zero and at most the \(words(left)) left of this payment.") }
        let result: RefundResult
        do {
            result = try await services.paymentGateway.refund(
                RefundRequest(
                    reference: reference, amount: asked, currencyCode: account.currencyCode,
                    idempotencyKey: "\(account.id.rawValue):refund:\(idempotencyKey)", reason: "Refund of \(invoice.number)"))
        } catch let error as PaymentGatewayError {
            return .gatewayUnavailable(error.message)
        }
        switch result {
        case .declined(let message): return .declined(message)
        case .refunded(let refundReference):
            return try await record(asked, of: payment, reference: refundReference, idempotencyKey: idempotencyKey, in: account, by: actor, actorName: actorName)
        }
    }

    /// Records a refund the gateway made, in one transaction: the refund, the payment's and the tip's refunded parts,
    /// the invoice's reopened balance, the client's email, the webhook and the audit event.
    private func record(
        _ total: Money, of payment: Payment, reference: String, idempotencyKey: String, in account: Account, by actor: StaffActor?,
        actorName: String?
    ) async throws -> Outcome {
        let now = services.clock.now
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        return try await services.storage.transaction { store in
            guard var current = try await store.payments.find(payment.id, in: account.id),
                var invoice = try await store.invoices.find(payment.invoiceID, in: account.id)
            else { throw StorageError.notFound("payment \(payment.id)") }
            let split = try Self.split(total, of: current)
            let refund = Refund(
                accountID: account.id, paymentID: current.id, invoiceID: invoice.id, amount: split.amount, serviceFee: split.serviceFee,
                tip: split.tip, gatewayReference: reference, idempotencyKey: idempotencyKey, refundedBy: actorName, refundedAt: now)
            try await store.records(Refund.self).insert(refund)
            current.refunded = try (current.refunded ?? .zero).adding(total)
            try await store.records(Payment.self).update(current)
            invoice.amountPaid = max(.zero, try invoice.amountPaid.subtracting(split.amount))
            try await store.invoices.update(invoice)
            // Money given back is not taken again by autopay for the same due date: what is owed now is for the client
            // and staff to settle.
            _ = try await AutopayRun.mark(for: invoice, account: account.id, counters: store.counters).take(at: now, lifetime: AutopayRun.markLifetime)
            if split.tip > .zero {
                for var tip in try await store.records(Tip.self).all(in: account.id, where: [.equal("payment_id", .text(current.id.rawValue))]) {
                    tip.refunded = try (tip.refunded ?? .zero).adding(split.tip)
                    try await store.records(Tip.self).update(tip)
                }
            }
            try await WebhookEvents.enqueue(.paymentRefunded, data: refund, about: .payment(current.id), account: account, store: store, at: now)
            if let customer = try await store.customers.find(invoice.customerID, in: account.id), !customer.emails.isEmpty {
                let email = try emails.compose(
                    .paymentRefunded(account: account, customer: customer, invoice: invoice, payment: current, refund: refund,
                                     invoiceURL: links.invoice(account, invoice: invoice.id)),
                    to: customer.mailboxes)
                try await store.outbox.enqueue(
                    OutboxMessage(accountID: account.id, email: email, about: .payment(current.id), nextAttemptAt: now, createdAt: now))
            }
            try await store.recordChange(
                .paymentRefunded, about: .invoice(invoice.id), in: account.id, by: actor,
                detail: "Refunded \(total.formatted(currencyCode: account.currencyCode)) of the payment of \(current.amount.formatted(currencyCode: account.currencyCode))",
                at: now)
            return .refunded(refund, invoice)
        }
    }
}
