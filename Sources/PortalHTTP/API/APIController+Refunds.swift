import Foundation
import HTTPTypes
import Hummingbird
import PortalKernel

/// A payment and its refunds (SPEC F15): read it, and refund a card payment through the gateway.
extension APIController {
    func registerPayments(on api: some RouterMethods<Context>) {
        api.get("payments/:id") { request, context in
            let account = try context.requireIdentity().account
            let payment = try await Self.record(context) { try await billing.payment($0, in: account.id) }
            return try APIJSON.response(APIPayment(payment, refunds: try await refunds.refunds(ofPayment: payment.id, in: account.id)))
        }
        api.post("payments/:id/refunds") { request, context in
            let (account, actor) = try context.caller()
            let payment = try await Self.record(context) { try await billing.payment($0, in: account.id) }
            guard let key = request.headers[HTTPField.Name("Idempotency-Key")!] else {
                throw APIError.badRequest("Send an Idempotency-Key header, unique per refund, so a retry never refunds twice.")
            }
            let new = try await APIJSON.decode(APINewRefund.self, from: request, context: context)
            switch try await refunds.refund(
                payment.id, amount: new.amount.map { Money(cents: $0) }, idempotencyKey: key, in: account, by: actor, actorName: "API")
            {
            case .refunded(let refund, _): return try APIJSON.response(APIRefund(refund), status: .created)
            case .invalid(let message): throw APIError.invalid(message)
            case .declined(let message): throw APIError(status: .init(code: 402, reasonPhrase: "Payment Required"), code: "declined", message: message)
            case .gatewayUnavailable(let message): throw APIError(status: .serviceUnavailable, code: "unavailable", message: message)
            case .inProgress: throw APIError.conflict("Another refund of this payment is under way; try again in a moment.")
            case .notFound: throw APIError.notFound()
            }
        }
    }
}

/// `Refund`: money given back on a card payment (SPEC F15).
struct APIRefund: Codable, Sendable {
    /// The refund's id, an opaque string.
    let id: String
    /// The payment refunded.
    let paymentId: String
    /// Its invoice, whose balance reopened by `amount`.
    let invoiceId: String
    /// The part given back off the invoice, in minor units (SPEC M1).
    let amount: Int
    /// The part of the service fee given back, in minor units.
    let serviceFee: Int
    /// The part of the tip given back, in minor units.
    let tip: Int
    /// The payment service's reference of the refund.
    let reference: String
    /// When, an instant, ISO 8601 in UTC.
    let refundedAt: Date

    /// The API's view of `refund`.
    init(_ refund: Refund) {
        (id, paymentId, invoiceId) = (refund.id.rawValue, refund.paymentID.rawValue, refund.invoiceID.rawValue)
        (amount, serviceFee, tip) = (refund.amount.cents, refund.serviceFee.cents, refund.tip.cents)
        (reference, refundedAt) = (refund.gatewayReference, refund.refundedAt)
    }
}

/// `NewRefund`: how much of a card payment to give back.
struct APINewRefund: Decodable, Sendable {
    /// What to give back of the charge, in minor units, above zero and at most what is left of it (422 otherwise); `nil`
    /// (absent or `null`) for everything left. The invoice's part is given back first, then the fee, then the tip.
    let amount: Int?
}
