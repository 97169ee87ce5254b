import PortalKernel

struct JSONInvoiceRepository: InvoiceRepository, JSONRecordRepository {
    typealias Record = Invoice
    let access: JSONAccess

    func find(number: String, in account: Account.ID) async throws -> Invoice? {
        try access.read { $0.unique(Invoice.self, ["account_id", "number"], [account.rawValue, number]) }
    }

    /// The kernel's query, over the customer's invoices from the index rather than the whole table.
    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice] {
        let query = try RecordQuery<Invoice>.portalCandidates(for: customer, in: account)
        return try access.read { query.select(from: $0.indexed(Invoice.self, by: \.invoicesByCustomer, key: customer.rawValue)) }
    }
}
