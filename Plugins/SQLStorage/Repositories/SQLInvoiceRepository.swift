import PortalKernel

struct SQLInvoiceRepository: InvoiceRepository, SQLRecordRepository {
    typealias Record = Invoice
    let access: SQLAccess

    func find(number: String, in account: Account.ID) async throws -> Invoice? {
        try await access.first(Invoice.self, where: "account_id = \(bind: account.rawValue) AND number = \(bind: number)")
    }
}
