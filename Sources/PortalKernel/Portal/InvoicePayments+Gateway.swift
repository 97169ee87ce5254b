import Foundation

/// The gateway side of a card payment, shared by one invoice's payment and "Pay all" (SPEC F10, F11, F15).
extension InvoicePayments {
    /// What a charge at the gateway led to.
    enum Attempt {
        /// Approved: the charge's reference and the card as the gateway reports it.
        case approved(reference: String, card: CardSummary)
        /// Refused (the reason) or the gateway unreachable (`unavailable`): nothing was charged.
        case refused(String, unavailable: Bool)
    }

    /// What the client's choice charges: the card typed, or their card on file `id`; `nil` for a card not on file any
    /// more (removed, another customer's) or kept by another gateway than the one configured.
    func source(of card: Card, customer: Customer.ID, account: Account.ID) async throws -> ChargeSource? {
        switch card {
        case .typed(let details, _): return .card(details)
        case .saved(let id):
            guard let method = try await services.storage.records(PaymentMethod.self).onFile(id, of: customer, in: account),
                method.gateway == services.paymentGateway.driverName
            else { return nil }
            return .saved(method.card)
        }
    }

    /// Why ``source(of:customer:account:)`` found no card to charge.
    static let cardNotOnFile = "That card is not on file any more: choose another, or type a card."

    /// Charges `request` at the gateway.
    func attempt(_ request: ChargeRequest) async throws -> Attempt {
        let result: ChargeResult
        do {
            result = try await services.paymentGateway.charge(request)
        } catch let error as PaymentGatewayError {
            return .refused(error.message, unavailable: true)
        }
        switch result {
        case .approved(let reference, let summary): return .approved(reference: reference, card: summary)
        case .declined(let message): return .refused(message, unavailable: false)
        }
    }
}
