import PortalKernel

struct JSONPaymentRepository: PaymentRepository {
    let access: JSONAccess

    func insert(_ payment: Payment) async throws {
        try await access.write { state in
            try state.requireAccount(payment.accountID)
            try state.requireReference(payment.invoiceID.rawValue, in: \.invoices, name: "invoice", account: payment.accountID)
            try state.requireUnique(payment.idempotencyKey, in: \.payments, except: payment.id.rawValue, name: "payment.accountID, payment.idempotencyKey") {
                $0.accountID == payment.accountID ? $0.idempotencyKey : nil
            }
            try state.insert(payment, id: payment.id.rawValue, into: \.payments, table: "payment")
        }
    }

    func find(_ id: Payment.ID, in account: Account.ID) async throws -> Payment? {
        try access.read { $0.row(\.payments, id.rawValue, in: account) }
    }

    func all(for invoice: Invoice.ID, in account: Account.ID) async throws -> [Payment] {
        try access.read { state in
            state.payments.values.filter { $0.accountID == account && $0.invoiceID == invoice }
                .sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
        }
    }

    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment? {
        try access.read { state in
            state.payments.values.first { $0.accountID == account && $0.idempotencyKey == idempotencyKey }
        }
    }
}
