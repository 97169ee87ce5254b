import Foundation

/// SPEC F12: charges, once, each open invoice of a customer with autopay on, in full, on its due date (its invoice
/// date when it has none), from the account's autopay hour; an invoice whose due date passed before autopay went on
/// is left for the client to pay. A declined charge emails the client and every staff
/// user, sends `autopay.failed` and leaves the invoice open; it is not tried again by itself.
///
/// "Once" holds across instances: before charging, a run takes a mark on the invoice and its due date (a ``Lease``
/// kept 400 days, the outbox's kind of claim), and only the run that took it charges; the payment itself goes through
/// ``InvoicePayments`` with a key made of the invoice and its due date, so even a charge retried after a crash is one
/// charge (SPEC M3). When the gateway cannot be reached, a payment of the invoice is under way, or the invoice or the
/// card on file changed under the pass, the mark is given back and a later run tries again: only the gateway's
/// decline is reported as a failure. A refund takes the mark (SPEC F15), so a due date refunded is not charged again.
public struct AutopayRun: Sendable {
    /// How long the mark of one invoice's due date is kept: longer than any due date stays the same.
    static let markLifetime: TimeInterval = 400 * 86_400

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Charges through `services.paymentGateway`, reads and writes `services.storage` at `services.clock`'s
    /// instant, and words the failure emails with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// One pass over every account: returns how many invoices it paid.
    @discardableResult
    public func run() async throws -> Int {
        var paid = 0
        for account in try await services.storage.accounts.all() {
            let now = services.clock.now
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = account.timeZone
            guard calendar.component(.hour, from: now) >= account.settings.autopayHour else { continue }
            let today = account.today(at: now)
            let enabled = try await services.storage.records(Autopay.self).all(in: account.id, where: [.equal("enabled", .bool(true))])
            for autopay in enabled {
                guard let customer = try await services.storage.customers.find(autopay.customerID, in: account.id) else { continue }
                // Due from the day autopay went on: an invoice already past due then is the client's to pay, not a
                // surprise charge the minute they agree.
                let since = account.today(at: autopay.consentedAt)
                for invoice in try await services.storage.invoices.portalCandidates(for: customer.id, in: account.id)
                where InvoiceVisibility.verdict(for: invoice, settings: account.settings, today: today) == .unpaid
                    && (since...today).contains(invoice.dueDate ?? invoice.invoiceDate)
                {
                    if try await charge(invoice, of: customer, account: account) { paid += 1 }
                }
            }
        }
        return paid
    }

    /// Charges `invoice` once for its due date, unless another run did, autopay went off, or nothing is owed.
    private func charge(_ invoice: Invoice, of customer: Customer, account: Account) async throws -> Bool {
        let due = invoice.dueDate ?? invoice.invoiceDate
        let now = services.clock.now
        let mark = Self.mark(for: invoice, account: account.id, counters: services.storage.counters)
        guard try await mark.take(at: now, lifetime: Self.markLifetime) else { return false }
        // The invoice as it is now, not as the pass listed it: a payment or a deposit's switch may have come between.
        guard try await services.storage.records(Autopay.self).find(Autopay.ID(rawValue: customer.id.rawValue), in: account.id)?.enabled == true,
            let current = try await services.storage.invoices.find(invoice.id, in: account.id), !current.voided,
            let balance = try? current.balance, balance > .zero
        else {
            try await mark.release(at: now)
            return false
        }
        guard let card = try await services.storage.records(PaymentMethod.self).onFile(of: customer.id, in: account.id).first(where: \.isDefault) else {
            try await fail(invoice, of: customer, account: account, reason: "No card is on file.")
            return false
        }
        let outcome = try await InvoicePayments(services: services, emails: emails).pay(
            invoice.id, of: customer, account: account, amount: balance, with: .saved(card.id),
            idempotencyKey: "autopay:\(invoice.id.rawValue):\(due)", actorEmail: nil, origin: RequestOrigin(ipAddress: nil, userAgent: "autopay"))
        switch outcome {
        case .paid, .paidCardNotSaved: return true
        case .nothingOwed: return false
        case .declined(let reason):
            try await fail(invoice, of: customer, account: account, reason: reason)
            return false
        case .gatewayUnavailable, .inProgress, .startAgain, .invalid, .balanceChanged:
            // Nothing charged, and no fault of the card: the gateway was out of reach, or the invoice or the card on
            // file changed under this pass (a payment, a deposit's switch, a card removed). The next run tries again.
            try await mark.release(at: services.clock.now)
            return false
        }
    }

    /// The mark that says `invoice` was charged by autopay for its due date (or must not be, SPEC F15: refunded).
    static func mark(for invoice: Invoice, account: Account.ID, counters: any CounterRepository) -> Lease {
        Lease(counters: counters, subject: "autopay:\(account):\(invoice.id):\(invoice.dueDate ?? invoice.invoiceDate)")
    }

    /// A declined charge: the client and every staff user are emailed, `autopay.failed` is sent, and the audit trail
    /// says why. The invoice stays open.
    private func fail(_ invoice: Invoice, of customer: Customer, account: Account, reason: String) async throws {
        let now = services.clock.now
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        try await services.storage.transaction { store in
            var messages: [EmailMessage] = []
            if !customer.emails.isEmpty {
                messages.append(
                    try emails.compose(
                        .autopayFailed(
                            account: account, customer: customer, invoice: invoice, reason: reason, toStaff: false,
                            link: "\(links.portal(account))/invoices/\(invoice.id.rawValue)"),
                        to: customer.mailboxes))
            }
            let staff = try await store.staffUsers.all(in: account.id)
            if !staff.isEmpty {
                messages.append(
                    try emails.compose(
                        .autopayFailed(
                            account: account, customer: customer, invoice: invoice, reason: reason, toStaff: true,
                            link: links.backOfficeCustomer(customer.id)),
                        to: staff.map { EmailMessage.Mailbox(address: $0.email, name: $0.name) }))
            }
            for message in messages {
                try await store.outbox.enqueue(OutboxMessage(accountID: account.id, email: message, about: .invoice(invoice.id), nextAttemptAt: now, createdAt: now))
            }
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .autopayFailed, about: .invoice(invoice.id), customerID: customer.id, actorEmail: nil,
                    ipAddress: nil, userAgent: "autopay", detail: reason, occurredAt: now))
            try await WebhookEvents.enqueue(.autopayFailed, data: FailedCharge(invoice: invoice.id.rawValue, customer: customer.id.rawValue, reason: reason),
                                            about: .invoice(invoice.id), account: account, store: store, at: now)
        }
    }

    /// `autopay.failed`'s data.
    struct FailedCharge: Encodable, Sendable {
        let invoice: String
        let customer: String
        let reason: String
    }
}
