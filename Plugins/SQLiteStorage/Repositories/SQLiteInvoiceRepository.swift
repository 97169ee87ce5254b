import GRDB
import PortalKernel

struct SQLiteInvoiceRepository: InvoiceRepository {
    let access: SQLiteAccess

    func insert(_ invoice: Invoice) async throws { try await access.insert(invoice) }

    func update(_ invoice: Invoice) async throws { try await access.update(invoice) }

    func find(_ id: Invoice.ID, in account: Account.ID) async throws -> Invoice? {
        try await access.find(Invoice.self, id: id.rawValue, in: account)
    }

    func find(number: String, in account: Account.ID) async throws -> Invoice? {
        try await access.fetchOne({ $0.filter(Column("number") == number) }, in: account)
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice] {
        try await access.fetchAll(
            { $0.filter(Column("customerID") == customer.rawValue).filter(Column("voided") == false).order(Column("id")) }, in: account)
    }
}
