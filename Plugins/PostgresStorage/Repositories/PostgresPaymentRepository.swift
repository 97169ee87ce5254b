import PortalKernel

struct PostgresPaymentRepository: PaymentRepository {
    let access: PostgresAccess

    func insert(_ payment: Payment) async throws { try await access.insert(payment) }

    func find(_ id: Payment.ID, in account: Account.ID) async throws -> Payment? {
        try await access.find(Payment.self, id: id.rawValue, in: account)
    }

    func all(for invoice: Invoice.ID, in account: Account.ID) async throws -> [Payment] {
        try await access.all(
            Payment.self, where: "account_id = $1 AND invoice_id = $2", [account.rawValue, invoice.rawValue], orderBy: "received_at, id")
    }

    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment? {
        try await access.first(Payment.self, where: "account_id = $1 AND idempotency_key = $2", [account.rawValue, idempotencyKey])
    }
}
