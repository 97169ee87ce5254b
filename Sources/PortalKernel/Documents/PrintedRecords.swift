/// Invoices and proposals as their PDFs show them, for staff to download (SPEC F16).

extension Billing {
    /// The invoice as its PDF shows it (SPEC F16), worded by `composer`: what staff download from the back office.
    /// - Throws: `UseCaseError.notFound` when its customer is gone.
    public func printed(_ invoice: Invoice, in account: Account, by composer: any DocumentComposer) async throws -> PrintedDocument {
        let store = services.storage
        guard let customer = try await store.customers.find(invoice.customerID, in: account.id) else { throw UseCaseError.notFound("No such customer.") }
        return try await composer.invoice(invoice, customer: customer, reading: store, account: account)
    }
}

extension Quoting {
    /// The proposal as its PDF shows it today (SPEC F16), worded by `composer`: what staff download from the back
    /// office.
    /// - Throws: `UseCaseError.notFound` when its customer is gone.
    public func printed(_ proposal: Proposal, in account: Account, by composer: any DocumentComposer) async throws -> PrintedDocument {
        guard let customer = try await services.storage.customers.find(proposal.customerID, in: account.id) else {
            throw UseCaseError.notFound("No such customer.")
        }
        return try composer.proposal(proposal, customer: customer, account: account, today: account.today(at: services.clock.now))
    }
}
