import PortalKernel

struct JSONPaymentRepository: PaymentRepository, JSONRecordRepository {
    typealias Record = Payment
    let access: JSONAccess

    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment? {
        try access.read { $0.unique(Payment.self, ["account_id", "idempotency_key"], [account.rawValue, idempotencyKey]) }
    }
}
