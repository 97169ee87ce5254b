import Foundation

/// Paying an invoice by card in the portal (SPEC F10): through the configured gateway, once per idempotency key.
public struct InvoicePayments: Sendable {
    /// What a payment attempt led to.
    public enum Outcome: Hashable, Sendable {
        /// Charged and recorded (or, for a key seen before, the payment that key already made).
        case paid(Payment)
        /// The gateway refused the card; nothing was charged.
        case declined(String)
        /// The gateway could not be reached; nothing was charged.
        case gatewayUnavailable(String)
        /// The amount or the key is not acceptable; says why.
        case invalid(String)
        /// Nothing is owed.
        case nothingOwed
        /// Another payment of the invoice is charging a card right now (a double click, another tab, the same form
        /// sent to two servers); nothing was charged by this one.
        case inProgress
        /// This form's attempt is over and nothing was kept: its charge was reversed, or its key was used by such an
        /// attempt. The client starts again with a new form (a new key); says why.
        case startAgain(String)
        /// Charged and recorded, but the card the client asked to save was not kept (SPEC F11); says why.
        case paidCardNotSaved(Payment, String)
        /// The invoice owes another amount than the page showed (paid in part meanwhile, a deposit switched to the whole
        /// amount): nothing was charged; this is what it owes now.
        case balanceChanged(Money)
    }

    /// What the client pays with.
    public enum Card: Sendable {
        /// A card as typed; `save` keeps it on file once the payment is recorded (SPEC F11).
        case typed(CardDetails, save: Bool)
        /// One of the client's cards on file: one confirmation, nothing typed (SPEC F11).
        case saved(PaymentMethod.ID)

        /// Whether it is a card on file.
        public var isSaved: Bool {
            if case .saved = self { return true }
            return false
        }
    }

    /// What the client's page showed: the charge its button stated and the invoice's balance; `nil` for either not
    /// shown (an integration, autopay).
    typealias Shown = (charge: Money?, balance: Money?)

    /// How long a charge may hold its invoice before another payment of it may start (SPEC M3).
    static let claimLifetime: TimeInterval = 120

    /// The amounts of a payment of `amount` on an invoice: what goes to the invoice, the fee, the tip, and the charge.
    public struct Quote: Hashable, Sendable {
        /// What goes to the invoice: the part of the balance the client pays, in minor units of the account's currency
        /// (SPEC M1).
        public var amount: Money
        /// The account's service fee on `amount` (``AccountSettings/serviceFeeBasisPoints``), charged on top and not
        /// paid into the invoice; zero for none.
        public var serviceFee: Money
        /// A tip for the crew charged on top (SPEC F14): not paid into the invoice, no fee on it; zero for none.
        public var tip: Money
        /// What the card is charged: `amount` plus `serviceFee` plus `tip`.
        public var charge: Money

        /// The quote for paying `amount`, and `tip`, under the account's service-fee setting; ``AmountOutOfRange``
        /// when the fee or the charge would leave the range (SPEC M2).
        public init(amount: Money, settings: AccountSettings, tip: Money = .zero) throws(AmountOutOfRange) {
            self.amount = amount
            self.serviceFee = try amount.applying(basisPoints: settings.serviceFeeBasisPoints)
            self.tip = tip
            self.charge = try amount.adding(serviceFee).adding(tip)
        }
    }

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Charges cards through `services.paymentGateway`, records payments, claims and the outbox in `services.storage`,
    /// and words the receipt email with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// The payment gateway's driver name (`sandbox` for the one without real money, whose test cards the pay page
    /// lists).
    public var gatewayDriverName: String { services.paymentGateway.driverName }

    /// Why `amount` cannot be paid on `invoice`, or `nil` when it can: more than zero, no more than the balance,
    /// and the whole balance unless the account allows partial payments. The balance is written in the account's
    /// currency (SPEC M1).
    public static func problem(paying amount: Money, on invoice: Invoice, account: Account) throws(AmountOutOfRange) -> String? {
        let balance = try invoice.balance
        let due = balance.formatted(currencyCode: account.currencyCode)
        if amount <= .zero { return "Enter an amount greater than zero." }
        if amount > balance { return "The amount is more than the \(due) due." }
        if !account.settings.allowsPartialPayments && amount != balance {
            return "This invoice can only be paid in full (\(due))."
        }
        return nil
    }

    /// Charges `amount` (plus the account's service fee) for `invoice` and records the payment, the new balance, a
    /// receipt email and an audit event in one transaction. A key seen before returns its payment without charging.
    ///
    /// SPEC M3: payments of one invoice run one at a time, in every server process: a claim on the invoice is held
    /// from the balance check until the payment is recorded, and a second attempt meanwhile charges nothing
    /// (``Outcome/inProgress``). The balance is checked again inside the recording transaction; a charge the gateway
    /// approved but that can no longer be recorded (staff recorded a payment meanwhile, the claim lapsed) is reversed
    /// at the gateway, its key is marked spent, and the answer is ``Outcome/nothingOwed`` or
    /// ``Outcome/startAgain(_:)``.
    ///
    /// `expectedCharge` is the charge (amount and service fee) the client was shown; when the account's fee has
    /// changed since, nothing is charged and the answer says the new charge (#18).
    public func pay(
        _ invoiceID: Invoice.ID, of customer: Customer, account: Account, amount: Money, card: CardDetails,
        idempotencyKey: String, actorEmail: String?, origin: RequestOrigin, expectedCharge: Money? = nil
    ) async throws -> Outcome {
        try await pay(
            invoiceID, of: customer, account: account, amount: amount, with: .typed(card, save: false), idempotencyKey: idempotencyKey,
            actorEmail: actorEmail, origin: origin, expectedCharge: expectedCharge)
    }

    /// As ``pay(_:of:account:amount:card:idempotencyKey:actorEmail:origin:expectedCharge:)``, with a card typed (and
    /// saved afterwards when asked; a card on file with the same brand, last four and expiry is not saved twice) or
    /// one on file. A card not on file (removed, another customer's) is ``Outcome/invalid(_:)``; nothing is charged.
    /// `tip` (SPEC F14) is charged on top and recorded against the crew (``Tip``): only where the account allows tips,
    /// at most the amount paid to the invoice. `shownBalance` is the balance the client's page showed: when the invoice
    /// owes another amount now (paid in part meanwhile, a deposit switched to the whole amount in another tab),
    /// nothing is charged and the answer says what is due.
    public func pay(
        _ invoiceID: Invoice.ID, of customer: Customer, account: Account, amount: Money, tip: Money = .zero, with card: Card,
        idempotencyKey: String, actorEmail: String?, origin: RequestOrigin, expectedCharge: Money? = nil, shownBalance: Money? = nil
    ) async throws -> Outcome {
        if let problem = Self.problem(tipping: tip, on: amount, account: account) { return .invalid(problem) }
        let payments = services.storage.payments
        let outcome = try await onceForForm(
            idempotencyKey, in: account.id,
            recorded: { try await payments.find(idempotencyKey: idempotencyKey, in: account.id).map { Self.repeated($0, for: invoiceID) } },
            busy: .inProgress
        ) {
            try await payOnce(
                invoiceID, of: customer, account: account, amount: amount, tip: tip, with: card, idempotencyKey: idempotencyKey,
                actorEmail: actorEmail, origin: origin, shown: (expectedCharge, shownBalance))
        }
        guard case .typed(let details, save: true) = card, case .paid(let payment) = outcome else { return outcome }
        let methods = SavedPaymentMethods(services: services, emails: emails)
        let onFile = try await methods.onFile(for: customer.id, in: account.id)
        if onFile.contains(where: { $0.card.summary == details.summary && $0.card.expiryMonth == details.expiryMonth && $0.card.expiryYear % 100 == details.expiryYear % 100 }) {
            return outcome
        }
        let client = SavedPaymentMethods.Client(customer: customer, email: actorEmail ?? customer.emails.first ?? "", origin: origin)
        switch try await methods.save(details, account: account, by: client) {
        case .done: return outcome
        case .declined(let message), .gatewayUnavailable(let message): return .paidCardNotSaved(payment, message)
        case .notFound: return .paidCardNotSaved(payment, "The card was not saved.")
        }
    }

    /// Why a deposit invoice takes no tip (SPEC F13, F14): it is paid before the work, with no crew to tip yet.
    public static let noTipOnDeposit = "A tip is added when the work is invoiced, not to a deposit."

    /// Why an invoice whose job has no visit with a crew takes no tip (SPEC F14): there is nobody to pay it out to.
    public static let noCrewToTip = "A tip goes to the crew who did the work, and this invoice names none."

    /// The crew a tip on `invoice` would go to (SPEC F14): `nil` when the pay page offers none (the account takes no
    /// tips, a deposit, no visit with a crew).
    public func tipCrew(for invoice: Invoice, account: Account) async throws -> String? {
        guard account.settings.allowsTips, invoice.deposit == nil else { return nil }
        return try await Tips.crew(for: invoice, today: account.today(at: services.clock.now), store: services.storage)?.crew
    }

    /// Why `invoice` takes no tip now, or `nil` when it does: a deposit, or no crew to give it to.
    private func tipRefusal(on invoice: Invoice, account: Account) async throws -> String? {
        if invoice.deposit != nil { return Self.noTipOnDeposit }
        return try await Tips.crew(for: invoice, today: account.today(at: services.clock.now), store: services.storage) == nil ? Self.noCrewToTip : nil
    }

    /// Why `tip` cannot go with paying `amount` (SPEC F14), or `nil`: a tip is never below zero, only where the
    /// account allows tips, and at most the amount paid to the invoice (a tip typed as 1500 for 15 is caught).
    public static func problem(tipping tip: Money, on amount: Money, account: Account) -> String? {
        if tip == .zero { return nil }
        if tip < .zero { return "A tip cannot be below zero." }
        if !account.settings.allowsTips { return "This company does not take tips." }
        if tip > amount { return "A tip is at most the amount you pay (\(amount.formatted(currencyCode: account.currencyCode)))." }
        return nil
    }

    private func payOnce(
        _ invoiceID: Invoice.ID, of customer: Customer, account: Account, amount: Money, tip: Money, with card: Card,
        idempotencyKey: String, actorEmail: String?, origin: RequestOrigin, shown: Shown
    ) async throws -> Outcome {
        guard (16...128).contains(idempotencyKey.count) else { return .invalid("This payment form has expired; reload the page.") }
        let store = services.storage
        if let earlier = try await store.payments.find(idempotencyKey: idempotencyKey, in: account.id) {
            return Self.repeated(earlier, for: invoiceID)
        }
        if try await spentKey(idempotencyKey, in: account.id).isHeld(at: services.clock.now) {
            return .startAgain("This payment form was used for an attempt that charged nothing in the end. Check the amount and pay again.")
        }
        let claim = Self.claim(on: invoiceID, in: account.id, counters: store.counters)
        guard try await claim.take(at: services.clock.now, lifetime: Self.claimLifetime) else {
            if let earlier = try await store.payments.find(idempotencyKey: idempotencyKey, in: account.id) {
                return Self.repeated(earlier, for: invoiceID)
            }
            return .inProgress
        }
        do {
            let outcome = try await chargeOnce(
                amount, tip: tip, for: invoiceID, customer: customer, account: account, with: card, idempotencyKey: idempotencyKey,
                actorEmail: actorEmail, origin: origin, shown: shown)
            try await claim.release(at: services.clock.now)
            return outcome
        } catch {
            try? await claim.release(at: services.clock.now)
            throw error
        }
    }

    /// The claim a card payment holds on its invoice from the balance check until the payment is recorded (SPEC M3).
    public static func claim(on invoiceID: Invoice.ID, in account: Account.ID, counters: any CounterRepository) -> Lease {
        Lease(counters: counters, subject: "invoice-payment:\(account):\(invoiceID)")
    }

    /// The answer to a key that already paid: that payment, unless the key was used for another invoice.
    private static func repeated(_ earlier: Payment, for invoiceID: Invoice.ID) -> Outcome {
        earlier.invoiceID == invoiceID ? .paid(earlier) : .invalid("This payment form has expired; reload the page.")
    }

    /// With the invoice's claim held: reads the invoice afresh, checks the amount, charges and records.
    private func chargeOnce(
        _ amount: Money, tip: Money, for invoiceID: Invoice.ID, customer: Customer, account: Account, with card: Card, idempotencyKey: String,
        actorEmail: String?, origin: RequestOrigin, shown: Shown
    ) async throws -> Outcome {
        let store = services.storage
        // A request that held the claim before us may have paid with this key, or paid the invoice, since our first look.
        if let earlier = try await store.payments.find(idempotencyKey: idempotencyKey, in: account.id) {
            return Self.repeated(earlier, for: invoiceID)
        }
        guard let invoice = try await store.invoices.find(invoiceID, in: account.id), invoice.customerID == customer.id
        else { return .invalid("This invoice cannot be paid here.") }
        guard let source = try await source(of: card, customer: customer.id, account: account.id) else { return .invalid(Self.cardNotOnFile) }
        do {
            guard try invoice.balance > .zero, !invoice.voided else { return .nothingOwed }
            if let problem = try Self.problem(paying: amount, on: invoice, account: account) { return .invalid(problem) }
            if tip > .zero, let refusal = try await tipRefusal(on: invoice, account: account) { return .invalid(refusal) }
            let quote = try Quote(amount: amount, settings: account.settings, tip: tip)
            if let shownBalance = shown.balance, try invoice.balance != shownBalance { return .balanceChanged(try invoice.balance) }
            if let expectedCharge = shown.charge, expectedCharge != quote.charge {
                return .invalid(
                    "The charge for this amount is now \(quote.charge.formatted(currencyCode: account.currencyCode)), with the service fee and any tip. "
                        + "Nothing was charged; check it and pay again.")
            }
            return try await charge(
                quote, for: invoice, customer: customer, account: account, source: source, idempotencyKey: idempotencyKey,
                actorEmail: actorEmail, origin: origin)
        } catch let error as AmountOutOfRange {
            return .invalid(error.description)
        }
    }

    /// Charges the card through the gateway and, when approved, records the payment.
    private func charge(
        _ quote: Quote, for invoice: Invoice, customer: Customer, account: Account, source: ChargeSource, idempotencyKey: String,
        actorEmail: String?, origin: RequestOrigin
    ) async throws -> Outcome {
        let (reference, summary): (String, CardSummary)
        switch try await attempt(
            ChargeRequest(
                amount: quote.charge, currencyCode: account.currencyCode, source: source,
                idempotencyKey: "\(account.id.rawValue):\(idempotencyKey)", description: "Invoice \(invoice.number)")) {
        case .approved(let approved, let card): (reference, summary) = (approved, card)
        case .refused(let message, let unavailable): return unavailable ? .gatewayUnavailable(message) : .declined(message)
        }
        do {
            return try await record(
                quote, reference: reference, card: summary, invoiceID: invoice.id, customer: customer, account: account,
                idempotencyKey: idempotencyKey, actorEmail: actorEmail, origin: origin)
        } catch let refusal as Unrecordable {
            // Approved but not ours to keep: the client must not pay for what the invoice cannot take.
            try await reverse(reference, charged: quote.charge, key: idempotencyKey, in: account, reason: refusal.reason)
            return refusal.outcome
        } catch {
            // Not recorded for another reason (storage failed): give the money back when the payment is surely not
            // there. When even that cannot be read, a retry with the same key records the gateway's approval.
            let recorded: Payment?
            do {
                recorded = try await services.storage.payments.find(idempotencyKey: idempotencyKey, in: account.id)
            } catch _ {
                throw error
            }
            if recorded == nil {
                try await reverse(reference, charged: quote.charge, key: idempotencyKey, in: account, reason: "not recorded: \(error)")
            }
            throw error
        }
    }

    /// Records an approved charge, checking again inside the transaction that the invoice is still payable and the
    /// amount within its balance (SPEC M3). A concurrent attempt with the same key that recorded first wins: its
    /// payment is returned and nothing is recorded twice (the gateway, given the same key, charged once).
    private func record(
        _ quote: Quote, reference: String, card: CardSummary, invoiceID: Invoice.ID, customer: Customer, account: Account,
        idempotencyKey: String, actorEmail: String?, origin: RequestOrigin
    ) async throws -> Outcome {
        let now = services.clock.now
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        do {
            return try await services.storage.transaction { store in
                if let earlier = try await store.payments.find(idempotencyKey: idempotencyKey, in: account.id) {
                    return .paid(earlier)
                }
                let (payment, invoice) = try await Self.apply(
                    quote, to: invoiceID, reference: reference, card: card, key: idempotencyKey, customer: customer, account: account,
                    actorEmail: actorEmail, origin: origin, at: now, store: store)
                if let address = actorEmail ?? customer.emails.first {
                    let receipt = try emails.compose(
                        .paymentReceipt(
                            account: account, customer: customer, invoice: invoice, payment: payment,
                            receiptURL: links.receipt(account, payment: payment.id)),
                        to: [EmailMessage.Mailbox(address: address, name: customer.displayName)])
                    try await store.outbox.enqueue(
                        OutboxMessage(
                            accountID: account.id, email: receipt, about: .payment(payment.id), nextAttemptAt: now,
                            createdAt: now))
                }
                return .paid(payment)
            }
        } catch StorageError.duplicate {
            // The same key recorded by a concurrent request between our check and our insert.
            guard let earlier = try await services.storage.payments.find(idempotencyKey: idempotencyKey, in: account.id)
            else { throw StorageError.duplicate("payment idempotency key") }
            return .paid(earlier)
        }
    }
}
