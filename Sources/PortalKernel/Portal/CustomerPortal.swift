import Foundation

/// What one customer may see in the portal, read through the visibility rules (SPEC P1–P4, I1–I3).
///
/// Every look-up is scoped to the account and the customer: another customer's id finds nothing, exactly as an id
/// that does not exist, so the portal answers 404 for both.
public struct CustomerPortal: Sendable {
    let services: PortalServices

    /// Reads the customer's records from `services.storage`, and today's date from `services.clock`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// The customer's portal today: proposals, invoices and visits after the visibility rules.
    public func view(of customer: Customer.ID, account: Account) async throws -> PortalView {
        let today = account.today(at: services.clock.now)
        let documents = try await services.storage.portalDocuments(
            of: customer, in: account.id, visitsFrom: today.adding(days: -account.settings.visits.pastVisitRetentionDays))
        return PortalView(
            proposals: documents.proposals, jobs: documents.jobs, invoices: documents.invoices, visits: documents.visits,
            settings: account.settings, today: today)
    }

    /// The customer's visit `id` with its series (when it has one), if the portal shows it today (SPEC V1).
    public func visit(_ id: Visit.ID, of customer: Customer.ID, account: Account) async throws -> (Visit, VisitSeries?)? {
        guard let visit = try await services.storage.records(Visit.self).shown(id, of: customer, in: account, today: account.today(at: services.clock.now))
        else { return nil }
        guard let seriesID = visit.seriesID else { return (visit, nil) }
        return (visit, try await services.storage.records(VisitSeries.self).find(seriesID, in: account.id))
    }

    /// The customer's proposal, if it is in their portal now.
    public func proposal(_ id: Proposal.ID, of customer: Customer.ID, account: Account) async throws -> Proposal? {
        guard let proposal = try await services.storage.proposals.find(id, in: account.id), proposal.customerID == customer,
            let job = try await services.storage.jobs.find(proposal.jobID, in: account.id),
            ProposalVisibility.isVisible(proposal, of: job, today: account.today(at: services.clock.now))
        else { return nil }
        return proposal
    }

    /// The customer's invoice, if it is in their portal now.
    public func invoice(_ id: Invoice.ID, of customer: Customer.ID, account: Account) async throws -> Invoice? {
        guard let invoice = try await services.storage.invoices.find(id, in: account.id), invoice.customerID == customer,
            InvoiceVisibility.isVisible(invoice, settings: account.settings, today: account.today(at: services.clock.now))
        else { return nil }
        return invoice
    }

    /// What the invoice page shows beside the invoice (#20: read here, not by the page): its payments, oldest first,
    /// and the job's service address, when the invoice has a job with one.
    public func invoiceDetail(_ invoice: Invoice, account: Account) async throws -> (payments: [Payment], serviceAddress: Address?) {
        let payments = try await services.storage.payments.all(for: invoice.id, in: account.id)
        guard let jobID = invoice.jobID else { return (payments, nil) }
        return (payments, try await services.storage.jobs.find(jobID, in: account.id)?.serviceAddress)
    }

    /// The account whose portal link carries `portalKey`; `nil` when none does.
    public func account(portalKey: String) async throws -> Account? {
        try await services.storage.accounts.find(portalKey: portalKey)
    }

    /// A payment of the customer's and its invoice, for the receipt, and whether the invoice is in the portal now
    /// (SPEC I2–I3). Receipts stay available after the invoice leaves the portal; the receipt then links to no invoice.
    public func receipt(
        _ id: Payment.ID, of customer: Customer.ID, account: Account
    ) async throws -> (payment: Payment, invoice: Invoice, invoiceShown: Bool)? {
        guard let (payment, invoice) = try await owned(services.storage.payments.find(id, in: account.id), by: customer, account: account)
        else { return nil }
        let shown = InvoiceVisibility.isVisible(invoice, settings: account.settings, today: account.today(at: services.clock.now))
        return (payment, invoice, shown)
    }

    /// The customer's payment of `invoice` made with `idempotencyKey`, if any (SPEC F10): what a pay form sent again
    /// is answered with, also once the payment took the invoice out of the portal (I3).
    public func payment(
        idempotencyKey: String, of customer: Customer.ID, invoice: Invoice.ID, account: Account
    ) async throws -> Payment? {
        guard !idempotencyKey.isEmpty,
            let (payment, _) = try await owned(
                services.storage.payments.find(idempotencyKey: idempotencyKey, in: account.id), by: customer, account: account),
            payment.invoiceID == invoice
        else { return nil }
        return payment
    }

    /// `payment` and its invoice when the invoice is `customer`'s; `nil` for none or another customer's.
    private func owned(_ payment: Payment?, by customer: Customer.ID, account: Account) async throws -> (Payment, Invoice)? {
        guard let payment, let invoice = try await services.storage.invoices.find(payment.invoiceID, in: account.id),
            invoice.customerID == customer
        else { return nil }
        return (payment, invoice)
    }

    /// How long one view of a document by one viewer lasts: opening it again within this is not recorded again.
    public static let viewWindow: TimeInterval = 30 * 60

    /// Records that a client opened a proposal or an invoice (the back office's "viewed"), once per ``viewWindow``
    /// per viewer (the customer and email, or the emailed link) and document: a client who reloads a page or keeps
    /// it open in two tabs viewed it once, and reading a page writes nothing most of the time (#22).
    public func recordView(
        _ action: AuditEvent.Action, of subject: RecordReference, account: Account, customer: Customer.ID?, email: String?,
        origin: RequestOrigin
    ) async throws {
        let now = services.clock.now
        let recent = try await services.storage.auditEvents.all(about: subject, since: now - Self.viewWindow, in: account.id)
        if recent.contains(where: { $0.action == action && $0.customerID == customer && $0.actorEmail == email }) { return }
        try await services.storage.auditEvents.record(
            AuditEvent(
                accountID: account.id, action: action, about: subject, customerID: customer, actorEmail: email,
                ipAddress: origin.ipAddress, userAgent: origin.userAgent, occurredAt: now))
    }
}
