import Foundation

/// Staff's side of invoices: create, send, record a payment, mark paid, void.
public struct Billing: Sendable {
    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes through `services` (storage and its outbox, clock); words the invoice emails with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// The account's invoice with `id`; `nil` for an unknown id or another account's.
    public func invoice(_ id: Invoice.ID, in account: Account.ID) async throws -> Invoice? {
        try await services.storage.invoices.find(id, in: account)
    }

    /// The account's payment with `id`; `nil` for an unknown id or another account's.
    public func payment(_ id: Payment.ID, in account: Account.ID) async throws -> Payment? {
        try await services.storage.payments.find(id, in: account)
    }

    /// A new invoice for `customerID`; without a number, the next free `INV-…` one. A job, when given, is one of that
    /// customer's (#20): another customer's, or a lead's without a customer, is refused as invalid.
    public func create(
        for customerID: Customer.ID, job jobID: Job.ID?, number: String?, invoiceDate: CalendarDate?, dueDate: CalendarDate?,
        lines: [LineInput], taxRateBasisPoints: Int, in account: Account, by actor: StaffActor?
    ) async throws -> Invoice {
        if let refusal = LineInput.problem(with: lines, allowOptional: false, taxRateBasisPoints: taxRateBasisPoints) { throw refusal }
        let now = services.clock.now
        let date = invoiceDate ?? account.today(at: now)
        if let dueDate, dueDate < date { throw UseCaseError.invalid("The due date is before the invoice date.", field: "dueDate") }
        return try await services.storage.transaction { store in
            guard try await store.customers.find(customerID, in: account.id) != nil else { throw UseCaseError.notFound("No such customer.") }
            if let jobID {
                guard let job = try await store.jobs.find(jobID, in: account.id) else { throw UseCaseError.notFound("No such job.") }
                guard job.customerID == customerID else { throw UseCaseError.invalid("The job belongs to another customer.", field: "jobId") }
            }
            // Composed (NFC), so "HĐ-1" typed either way is one number.
            let chosen = number?.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
            if let chosen, chosen.isEmpty || chosen.unicodeScalars.count > 40 { throw UseCaseError.invalid("An invoice number is 1–40 characters.", field: "number") }
            if let chosen, let problem = SingleLineText.problem(chosen, naming: "An invoice number", identifier: true) { throw UseCaseError.invalid(problem, field: "number") }
            if let chosen, try await store.invoices.find(number: chosen, in: account.id) != nil {
                throw UseCaseError.conflict("Invoice number \(chosen) is taken.")
            }
            var number = chosen ?? ""
            if chosen == nil { number = try await Self.nextNumber(in: store, account: account.id) }
            let invoice = Invoice(
                accountID: account.id, customerID: customerID, jobID: jobID, number: number, invoiceDate: date,
                dueDate: dueDate, lineItems: lines.map(\.lineItem), taxRateBasisPoints: taxRateBasisPoints, createdAt: now)
            try await store.invoices.insert(invoice)
            try await store.recordChange(.invoiceCreated, about: .invoice(invoice.id), in: account.id, by: actor, detail: invoice.number, at: now)
            return invoice
        }
    }

    /// The next free invoice number in `account`, `INV-1001` onwards, read inside the caller's transaction (the
    /// account's unique number refuses a second use of it).
    static func nextNumber(in store: any Repositories, account: Account.ID) async throws -> String {
        var next = 1_001
        while try await store.invoices.find(number: "INV-\(next)", in: account) != nil { next += 1 }
        return "INV-\(next)"
    }

    /// Emails the customer that the invoice is in their portal; the first send sets `sentAt` (which can open it,
    /// SPEC I1).
    @discardableResult
    public func send(_ id: Invoice.ID, in account: Account, by actor: StaffActor?) async throws -> Invoice {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var invoice = try await store.invoices.find(id, in: account.id) else { throw UseCaseError.notFound("No such invoice.") }
            guard !invoice.voided else { throw UseCaseError.conflict("A voided invoice cannot be sent.") }
            guard let customer = try await store.customers.find(invoice.customerID, in: account.id), !customer.emails.isEmpty else {
                throw UseCaseError.invalid("The customer has no email address.")
            }
            if invoice.sentAt == nil {
                invoice.sentAt = now
                try await store.invoices.update(invoice)
            }
            var message = try emails.compose(
                .invoiceSent(account: account, customer: customer, invoice: invoice),
                to: customer.mailboxes)
            message.attachments = try await EmailedDocuments(services: services).invoice(invoice, customer: customer, in: store, account: account)
            try await store.recordSent(message, about: .invoice(invoice.id), action: .invoiceSent, in: account.id, by: actor, at: now)
            return invoice
        }
    }

    /// Records money received outside the portal (check, cash, bank…). With an idempotency key, a repeat returns
    /// the first payment.
    public func recordPayment(
        on id: Invoice.ID, amount: Money, method: Payment.Method, idempotencyKey: String?, in account: Account, by actor: StaffActor?
    ) async throws -> (Payment, Invoice) {
        if let key = idempotencyKey, !(1...128).contains(key.unicodeScalars.count) { throw UseCaseError.invalid("An Idempotency-Key is 1–128 characters.") }
        let now = services.clock.now
        do {
            return try await services.storage.transaction { store in
                if let key = idempotencyKey, let earlier = try await store.payments.find(idempotencyKey: key, in: account.id) {
                    guard earlier.invoiceID == id, earlier.amount == amount else {
                        throw UseCaseError.conflict("This Idempotency-Key was used for another payment.")
                    }
                    guard let invoice = try await store.invoices.find(id, in: account.id) else { throw UseCaseError.notFound("No such invoice.") }
                    return (earlier, invoice)
                }
                guard var invoice = try await store.invoices.find(id, in: account.id) else { throw UseCaseError.notFound("No such invoice.") }
                guard !invoice.voided else { throw UseCaseError.conflict("The invoice is voided.") }
                guard amount > .zero else { throw UseCaseError.invalid("The amount must be above zero.", field: "amount") }
                let balance = try Self.balance(of: invoice)
                guard amount <= balance else {
                    throw UseCaseError.invalid("The amount is more than the \(balance.formatted(currencyCode: account.currencyCode)) due.", field: "amount")
                }
                let payment = Payment(
                    accountID: account.id, invoiceID: invoice.id, amount: amount, method: method, source: .staff,
                    idempotencyKey: idempotencyKey, receivedAt: now)
                try await store.payments.insert(payment)
                invoice.amountPaid = try invoice.amountPaid.adding(amount)
                try await store.invoices.update(invoice)
                if invoice.isPaid {
                    try await WebhookEvents.enqueue(.invoicePaid, data: invoice, about: .invoice(invoice.id), account: account, store: store, at: now)
                }
                try await store.recordChange(
                    .paymentRecorded, about: .invoice(invoice.id), in: account.id, by: actor,
                    detail: "\(amount.formatted(currencyCode: account.currencyCode)) by \(method.rawValue)", at: now)
                return (payment, invoice)
            }
        } catch StorageError.duplicate(let what) {
            // The same key, recorded by a concurrent request between our look-up and our insert: answer with that
            // payment (the retry finds it first thing). Any other clash is not ours to paper over.
            guard let key = idempotencyKey, try await services.storage.payments.find(idempotencyKey: key, in: account.id) != nil else {
                throw StorageError.duplicate(what)
            }
            return try await recordPayment(on: id, amount: amount, method: method, idempotencyKey: idempotencyKey, in: account, by: actor)
        }
    }

    /// Records a payment of the whole balance.
    public func markPaid(_ id: Invoice.ID, method: Payment.Method, in account: Account, by actor: StaffActor?) async throws -> Invoice {
        guard let invoice = try await services.storage.invoices.find(id, in: account.id) else { throw UseCaseError.notFound("No such invoice.") }
        let balance = try Self.balance(of: invoice)
        guard balance > .zero else { return invoice }
        return try await recordPayment(on: id, amount: balance, method: method, idempotencyKey: nil, in: account, by: actor).1
    }

    /// The invoice's balance, or a refusal naming it when its stored lines cannot be totalled (SPEC M2).
    public static func balance(of invoice: Invoice) throws(UseCaseError) -> Money {
        do {
            return try invoice.balance
        } catch {
            throw UseCaseError.invalid("Invoice \(invoice.number) cannot be totalled: \(error)")
        }
    }

    /// Voids the invoice: it leaves the portal for good (SPEC I1). An invoice with payments cannot be voided.
    public func void(_ id: Invoice.ID, in account: Account, by actor: StaffActor?) async throws -> Invoice {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var invoice = try await store.invoices.find(id, in: account.id) else { throw UseCaseError.notFound("No such invoice.") }
            guard invoice.amountPaid == .zero else { throw UseCaseError.conflict("An invoice with payments cannot be voided.") }
            guard !invoice.voided else { return invoice }
            invoice.voided = true
            try await store.invoices.update(invoice)
            try await store.recordChange(.invoiceVoided, about: .invoice(invoice.id), in: account.id, by: actor, at: now)
            return invoice
        }
    }
}
