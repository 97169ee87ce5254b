/// Words an invoice or a proposal as a ``PrintedDocument`` exactly as the portal's page words it (SPEC F16), for the
/// PDF an email attaches when the account asks for it (`attachesPDFs`). The front that draws the pages implements it
/// (the bundled HTTP front's page models); the kernel only calls it.
public protocol DocumentComposer: Sendable {
    /// The invoice as its portal page shows it to `customer`: with its `payments` (oldest first) and the job's
    /// service address, if it has one.
    /// - Throws: `AmountOutOfRange` when a stored amount cannot be worded.
    func invoice(_ invoice: Invoice, customer: Customer, payments: [Payment], serviceAddress: Address?, account: Account) throws -> PrintedDocument

    /// The proposal as its portal page shows it to `customer` on `today`.
    /// - Throws: `AmountOutOfRange` when a stored amount cannot be worded.
    func proposal(_ proposal: Proposal, customer: Customer, account: Account, today: CalendarDate) throws -> PrintedDocument
}

extension DocumentComposer {
    /// The invoice as its page shows it to `customer`, its payments and job read with `store`.
    /// - Throws: what `store` throws; `AmountOutOfRange` when a stored amount cannot be worded.
    func invoice(_ invoice: Invoice, customer: Customer, reading store: any Repositories, account: Account) async throws -> PrintedDocument {
        let payments = try await store.payments.all(for: invoice.id, in: account.id)
        var address: Address?
        if let job = invoice.jobID { address = try await store.jobs.find(job, in: account.id)?.serviceAddress }
        return try self.invoice(invoice, customer: customer, payments: payments, serviceAddress: address, account: account)
    }
}
