import Foundation

/// Deposits on acceptance (SPEC F13): the deposit invoice an acceptance makes, and the client's choice between paying
/// the deposit and the whole amount.
public struct Deposits: Sendable {
    /// What a change of the client's choice led to.
    public enum Outcome: Hashable, Sendable {
        /// The invoice now asks for what was chosen (or already did).
        case changed(Invoice)
        /// Something is paid on it already: what it asks for can no longer change.
        case paidAlready(Invoice)
        /// A payment of the invoice is charging a card right now; nothing changed.
        case inProgress
        /// No such deposit invoice for this customer.
        case notFound
    }

    let services: PortalServices

    /// Reads and writes invoices, proposals and the audit trail through `services.storage`, claims through its counters.
    public init(services: PortalServices) {
        self.services = services
    }

    /// Inside the acceptance's transaction: the deposit invoice for `proposal`, just accepted, inserted and returned;
    /// `nil` when it asks for no deposit or the deposit rounds to nothing. Numbered as the next free `INV-…`, dated and
    /// due today; `shownNow` (the client accepted) marks it sent, so it is open in the portal under every "Open
    /// Invoice" rule (SPEC I1) and the client can pay it at once. One that staff accepted is sent by staff, as any
    /// invoice.
    static func invoice(
        for proposal: Proposal, account: Account, shownNow: Bool, store: any Repositories, at now: Date
    ) async throws -> Invoice? {
        guard let asked = proposal.deposit else { return nil }
        let whole = try proposal.total
        let amount = try asked.amount(of: whole)
        guard amount > .zero else { return nil }
        let today = account.today(at: now)
        let terms = InvoiceDeposit(proposalID: proposal.id, amount: amount, wholeAmount: whole)
        let invoice = Invoice(
            accountID: account.id, customerID: proposal.customerID, jobID: proposal.jobID,
            number: try await Billing.nextNumber(in: store, account: account.id), invoiceDate: today, dueDate: today,
            sentAt: shownNow ? now : nil,
            lineItems: [Self.depositLine(for: proposal, terms: terms, currencyCode: account.currencyCode)], createdAt: now,
            deposit: terms)
        try await store.invoices.insert(invoice)
        try await store.recordChange(
            .depositInvoiced, about: .invoice(invoice.id), in: account.id, by: nil,
            detail: "\(invoice.number): deposit \(amount.formatted(currencyCode: account.currencyCode)) of \(whole.formatted(currencyCode: account.currencyCode)) for \(proposal.title)",
            at: now)
        return invoice
    }

    /// The deposit invoice accepting `proposal` made, `nil` when it made none.
    public func invoice(of proposal: Proposal, in account: Account.ID) async throws -> Invoice? {
        try await services.storage.invoices.portalCandidates(for: proposal.customerID, in: account)
            .first { $0.deposit?.proposalID == proposal.id }
    }

    /// Makes `customer`'s deposit invoice ask for the deposit (`paysWhole` false: one line, no tax) or the whole
    /// accepted amount (the proposal's chosen lines and tax), while nothing is paid on it. Holds the invoice's payment
    /// claim (SPEC M3), so what a card is being charged for never changes under it.
    public func choose(paysWhole: Bool, on invoiceID: Invoice.ID, of customer: Customer.ID, account: Account) async throws -> Outcome {
        let now = services.clock.now
        let claim = InvoicePayments.claim(on: invoiceID, in: account.id, counters: services.storage.counters)
        guard try await claim.take(at: now, lifetime: InvoicePayments.claimLifetime) else { return .inProgress }
        do {
            let outcome = try await change(paysWhole: paysWhole, on: invoiceID, of: customer, account: account, at: now)
            try await claim.release(at: now)
            return outcome
        } catch {
            try? await claim.release(at: now)
            throw error
        }
    }

    /// With the claim held: the change, in one transaction.
    private func change(paysWhole: Bool, on invoiceID: Invoice.ID, of customer: Customer.ID, account: Account, at now: Date) async throws -> Outcome {
        try await services.storage.transaction { store in
            guard var invoice = try await store.invoices.find(invoiceID, in: account.id), invoice.customerID == customer,
                !invoice.voided, var terms = invoice.deposit,
                let proposal = try await store.proposals.find(terms.proposalID, in: account.id)
            else { return .notFound }
            guard terms.paysWhole != paysWhole else { return .changed(invoice) }
            guard invoice.amountPaid == .zero else { return .paidAlready(invoice) }
            terms.paysWhole = paysWhole
            invoice.deposit = terms
            if paysWhole {
                let chosen = Set(proposal.acceptance?.chosenOptionalItemIDs ?? [])
                invoice.lineItems = proposal.lineItems.filter { !$0.isOptional || chosen.contains($0.id) }.map { item in
                    var line = item
                    line.isOptional = false
                    return line
                }
                invoice.taxRateBasisPoints = proposal.taxRateBasisPoints
            } else {
                invoice.lineItems = [Self.depositLine(for: proposal, terms: terms, currencyCode: account.currencyCode)]
                invoice.taxRateBasisPoints = 0
            }
            try await store.invoices.update(invoice)
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .depositChoiceChanged, about: .invoice(invoice.id), customerID: customer,
                    detail: paysWhole ? "The whole amount, \(terms.wholeAmount.formatted(currencyCode: account.currencyCode))"
                        : "The deposit, \(terms.amount.formatted(currencyCode: account.currencyCode))",
                    occurredAt: now))
            return .changed(invoice)
        }
    }

    /// The one line of a deposit invoice: "Deposit: Spring cleanup (30 % of USD 1,000.00)".
    static func depositLine(for proposal: Proposal, terms: InvoiceDeposit, currencyCode: String) -> LineItem {
        let share: String
        switch proposal.deposit {
        case .percentage(let basisPoints): share = "\(Decimal(basisPoints) / 100) % of "
        case .fixed, nil: share = "of "
        }
        return LineItem(
            description: "Deposit: \(proposal.title) (\(share)\(terms.wholeAmount.formatted(currencyCode: currencyCode)))",
            unitPrice: terms.amount)
    }
}
