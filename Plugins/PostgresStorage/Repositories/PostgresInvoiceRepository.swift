import PortalKernel

struct PostgresInvoiceRepository: InvoiceRepository {
    let access: PostgresAccess

    func insert(_ invoice: Invoice) async throws { try await access.insert(invoice) }

    func update(_ invoice: Invoice) async throws { try await access.update(invoice) }

    func find(_ id: Invoice.ID, in account: Account.ID) async throws -> Invoice? {
        try await access.find(Invoice.self, id: id.rawValue, in: account)
    }

    func find(number: String, in account: Account.ID) async throws -> Invoice? {
        try await access.first(Invoice.self, where: "account_id = $1 AND number = $2", [account.rawValue, number])
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice] {
        try await access.all(
            Invoice.self, where: "account_id = $1 AND customer_id = $2 AND NOT voided", [account.rawValue, customer.rawValue], orderBy: "id")
    }
}
