import GRDB
import PortalKernel

struct SQLitePaymentRepository: PaymentRepository {
    let access: SQLiteAccess

    func insert(_ payment: Payment) async throws { try await access.insert(payment) }

    func find(_ id: Payment.ID, in account: Account.ID) async throws -> Payment? {
        try await access.find(Payment.self, id: id.rawValue, in: account)
    }

    func all(for invoice: Invoice.ID, in account: Account.ID) async throws -> [Payment] {
        try await access.fetchAll(
            { $0.filter(Column("invoiceID") == invoice.rawValue).order(Column("receivedAt"), Column("id")) }, in: account)
    }

    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment? {
        try await access.fetchOne({ $0.filter(Column("idempotencyKey") == idempotencyKey) }, in: account)
    }
}
