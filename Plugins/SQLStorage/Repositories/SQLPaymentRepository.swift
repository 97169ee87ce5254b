import PortalKernel

struct SQLPaymentRepository: PaymentRepository, SQLRecordRepository {
    typealias Record = Payment
    let access: SQLAccess

    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment? {
        try await access.first(Payment.self, where: "account_id = \(bind: account.rawValue) AND idempotency_key = \(bind: idempotencyKey)")
    }
}
