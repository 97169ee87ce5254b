import Foundation

/// The statement and "Pay all" (SPEC F15): every open invoice the client's portal shows, paid by one charge recorded as
/// one payment per invoice, all or nothing.
extension InvoicePayments {
    /// What the client owes now: the invoices the portal shows with a balance, and the one charge that pays them all.
    public struct Statement: Hashable, Sendable {
        /// The open invoices, as the portal lists them.
        public let invoices: [Invoice]
        /// Each invoice's balance with its service fee, in the order of ``invoices``.
        public let quotes: [Quote]
        /// What is owed in all: the sum of the balances, in minor units (SPEC M1).
        public let total: Money
        /// What "Pay all" charges: the total plus the service fees.
        public let charge: Money

        /// The statement of `invoices` (as the portal shows them): those with a balance, each quoted under `settings`'
        /// service fee; ``AmountOutOfRange`` for a stored invoice that cannot be totalled (SPEC M2).
        public init(_ invoices: [Invoice], settings: AccountSettings) throws(AmountOutOfRange) {
            var owing: [Invoice] = []
            for invoice in invoices where !invoice.voided {
                if try invoice.balance > .zero { owing.append(invoice) }
            }
            var (quotes, total, charge) = ([Quote](), Money.zero, Money.zero)
            for invoice in owing {
                let quote = try Quote(amount: try invoice.balance, settings: settings)
                quotes.append(quote)
                total = try total.adding(quote.amount)
                charge = try charge.adding(quote.charge)
            }
            (self.invoices, self.quotes, self.total, self.charge) = (owing, quotes, total, charge)
        }
    }

    /// What "Pay all" led to.
    public enum PayAllOutcome: Hashable, Sendable {
        /// One charge, recorded as these payments, one per invoice (or, for a key seen before, those it made).
        case paid([Payment])
        /// The gateway refused the card; nothing was charged.
        case declined(String)
        /// The gateway could not be reached; nothing was charged.
        case gatewayUnavailable(String)
        /// The key or the card is not acceptable; says why.
        case invalid(String)
        /// What is owed is not what the client was shown (an invoice paid or opened meanwhile, a new fee): nothing was
        /// charged; this is the statement now.
        case changed(Statement)
        /// Nothing is owed.
        case nothingOwed
        /// A payment of one of the invoices is charging a card right now; nothing was charged by this one.
        case inProgress
        /// The charge was given back (an invoice changed while the card was charged); the client starts again.
        case startAgain(String)
    }

    /// `customer`'s statement now (SPEC F15); ``AmountOutOfRange`` for a stored invoice that cannot be totalled.
    public func statement(of customer: Customer.ID, account: Account) async throws -> Statement {
        let view = try await CustomerPortal(services: services).view(of: customer, account: account)
        return try Statement(view.invoices, settings: account.settings)
    }

    /// Pays every invoice of the statement the client was shown (`shown`, charging `expectedCharge`) with one charge,
    /// recorded as one payment per invoice under the keys `{idempotencyKey}:{invoice id}`, all in one transaction.
    /// SPEC M3: each invoice's claim is held from the check until the payments are recorded; when any is held by
    /// another payment, nothing is charged (``PayAllOutcome/inProgress``). When what is owed differs from what was
    /// shown, nothing is charged (``PayAllOutcome/changed(_:)``). A charge that can no longer be recorded in full is
    /// given back whole and its key spent (``PayAllOutcome/startAgain(_:)``). A key seen before returns its payments.
    public func payAll(
        _ shown: Set<Invoice.ID>, of customer: Customer, account: Account, expectedCharge: Money, with card: Card, idempotencyKey: String,
        actorEmail: String?, origin: RequestOrigin
    ) async throws -> PayAllOutcome {
        // The same form sent again waits for its first sending (SPEC F10), then answers with its payments.
        try await onceForForm(
            idempotencyKey, in: account.id, recorded: { try await paidAll(shown, key: idempotencyKey, in: account.id).map { .paid($0) } },
            busy: .inProgress
        ) {
            try await payAllOnce(
                shown, of: customer, account: account, expectedCharge: expectedCharge, with: card, idempotencyKey: idempotencyKey,
                actorEmail: actorEmail, origin: origin)
        }
    }

    private func payAllOnce(
        _ shown: Set<Invoice.ID>, of customer: Customer, account: Account, expectedCharge: Money, with card: Card, idempotencyKey: String,
        actorEmail: String?, origin: RequestOrigin
    ) async throws -> PayAllOutcome {
        guard (16...128).contains(idempotencyKey.count) else { return .invalid("This payment form has expired; reload the page.") }
        if let earlier = try await paidAll(shown, key: idempotencyKey, in: account.id) { return .paid(earlier) }
        if try await spentKey(idempotencyKey, in: account.id).isHeld(at: services.clock.now) {
            return .startAgain("This payment form was used for an attempt that charged nothing in the end. Check the total and pay again.")
        }
        let first = try await statement(of: customer.id, account: account)
        guard !first.invoices.isEmpty else { return .nothingOwed }
        guard Set(first.invoices.map(\.id)) == shown, first.charge == expectedCharge else { return .changed(first) }
        guard let claims = try await claimAll(shown, in: account.id) else {
            if let earlier = try await paidAll(shown, key: idempotencyKey, in: account.id) { return .paid(earlier) }
            return .inProgress
        }
        do {
            // With every claim held: what is owed now, which no other portal payment can change until we are done.
            let outcome: PayAllOutcome
            if let earlier = try await paidAll(shown, key: idempotencyKey, in: account.id) {
                outcome = .paid(earlier)
            } else {
                let now = try await statement(of: customer.id, account: account)
                outcome = Set(now.invoices.map(\.id)) == shown && now.charge == expectedCharge
                    ? try await chargeAll(now, customer: customer, account: account, with: card, idempotencyKey: idempotencyKey, actorEmail: actorEmail, origin: origin)
                    : .changed(now)
            }
            for claim in claims { try await claim.release(at: services.clock.now) }
            return outcome
        } catch {
            for claim in claims { try? await claim.release(at: services.clock.now) }
            throw error
        }
    }

    /// The claims of every invoice of `shown` (SPEC M3), taken in one order so two "Pay all" never wait on each other;
    /// `nil`, with none held, when another payment holds one.
    private func claimAll(_ shown: Set<Invoice.ID>, in account: Account.ID) async throws -> [Lease]? {
        var claims: [Lease] = []
        for id in shown.sorted(by: { $0.rawValue < $1.rawValue }) {
            let claim = Self.claim(on: id, in: account, counters: services.storage.counters)
            guard try await claim.take(at: services.clock.now, lifetime: Self.claimLifetime) else {
                for taken in claims { try? await taken.release(at: services.clock.now) }
                return nil
            }
            claims.append(claim)
        }
        return claims
    }

    /// The payments a key already made for every invoice of `shown`; `nil` unless it made them all.
    private func paidAll(_ shown: Set<Invoice.ID>, key: String, in account: Account.ID) async throws -> [Payment]? {
        var found: [Payment] = []
        for id in shown.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let payment = try await services.storage.payments.find(idempotencyKey: "\(key):\(id)", in: account) else { return nil }
            found.append(payment)
        }
        return found.isEmpty ? nil : found
    }

    /// With the claims held: the one charge, then the payments, or the charge given back.
    private func chargeAll(
        _ statement: Statement, customer: Customer, account: Account, with card: Card, idempotencyKey: String, actorEmail: String?,
        origin: RequestOrigin
    ) async throws -> PayAllOutcome {
        guard let source = try await source(of: card, customer: customer.id, account: account.id) else { return .invalid(Self.cardNotOnFile) }
        let (reference, summary): (String, CardSummary)
        switch try await attempt(
            ChargeRequest(
                amount: statement.charge, currencyCode: account.currencyCode, source: source,
                idempotencyKey: "\(account.id.rawValue):statement:\(idempotencyKey)",
                description: "Invoices " + statement.invoices.map(\.number).joined(separator: ", "))) {
        case .approved(let approved, let card): (reference, summary) = (approved, card)
        case .refused(let message, let unavailable): return unavailable ? .gatewayUnavailable(message) : .declined(message)
        }
        do {
            return .paid(try await recordAll(statement, reference: reference, card: summary, customer: customer, account: account,
                                             idempotencyKey: idempotencyKey, actorEmail: actorEmail, origin: origin))
        } catch let refusal as Unrecordable {
            try await reverse(reference, charged: statement.charge, key: idempotencyKey, in: account, reason: refusal.reason)
            return .startAgain("What you owe changed while your card was charged, so the charge was given back. Check the statement and pay again.")
        } catch {
            if try await paidAll(Set(statement.invoices.map(\.id)), key: idempotencyKey, in: account.id) == nil {
                try await reverse(reference, charged: statement.charge, key: idempotencyKey, in: account, reason: "not recorded: \(error)")
            }
            throw error
        }
    }

    /// Records one payment per invoice of `statement` and one receipt email, all in one transaction (all or nothing).
    private func recordAll(
        _ statement: Statement, reference: String, card: CardSummary, customer: Customer, account: Account, idempotencyKey: String,
        actorEmail: String?, origin: RequestOrigin
    ) async throws -> [Payment] {
        let now = services.clock.now
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        return try await services.storage.transaction { store in
            var paid: [(Invoice, Payment)] = []
            for (invoice, quote) in zip(statement.invoices, statement.quotes) {
                let (payment, updated) = try await Self.apply(
                    quote, to: invoice.id, reference: reference, card: card, key: "\(idempotencyKey):\(invoice.id)", customer: customer,
                    account: account, actorEmail: actorEmail, origin: origin, at: now, store: store)
                paid.append((updated, payment))
            }
            if let address = actorEmail ?? customer.emails.first {
                let receipt = try emails.compose(
                    .statementReceipt(account: account, customer: customer, paid: paid, statementURL: links.statement(account)),
                    to: [EmailMessage.Mailbox(address: address, name: customer.displayName)])
                try await store.outbox.enqueue(
                    OutboxMessage(accountID: account.id, email: receipt, about: .customer(customer.id), nextAttemptAt: now, createdAt: now))
            }
            return paid.map(\.1)
        }
    }
}
