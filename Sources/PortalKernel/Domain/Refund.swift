import Foundation

/// Money given back on a card payment through the gateway (SPEC F15), in full or in part. A refund gives back the
/// part paid into the invoice first (the invoice's balance reopens by it), then the service fee, then the tip.
public struct Refund: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Refund>

    /// The refund's id, a random UUID string.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// The payment refunded.
    public var paymentID: Payment.ID
    /// That payment's invoice, whose balance reopens by ``amount``.
    public var invoiceID: Invoice.ID
    /// The part given back off the invoice, in minor units (SPEC M1).
    public var amount: Money
    /// The part of the payment's service fee given back, in minor units.
    public var serviceFee: Money
    /// The part of the payment's tip given back, in minor units; the crew's tip shrinks by it.
    public var tip: Money
    /// The gateway's reference of the refund.
    public var gatewayReference: String
    /// Unique in the account: a retry with the same key never refunds twice.
    public var idempotencyKey: String
    /// The staff user's email, or the API token's name, who refunded.
    public var refundedBy: String?
    /// When, by the portal's clock.
    public var refundedAt: Date

    /// Memberwise.
    public init(
        id: ID = .random(), accountID: Account.ID, paymentID: Payment.ID, invoiceID: Invoice.ID, amount: Money, serviceFee: Money,
        tip: Money, gatewayReference: String, idempotencyKey: String, refundedBy: String?, refundedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.paymentID = paymentID
        self.invoiceID = invoiceID
        self.amount = amount
        self.serviceFee = serviceFee
        self.tip = tip
        self.gatewayReference = gatewayReference
        self.idempotencyKey = idempotencyKey
        self.refundedBy = refundedBy
        self.refundedAt = refundedAt
    }

    /// Everything it gave back: the three parts; ``AmountOutOfRange`` only for a stored record out of range (SPEC M2).
    public var total: Money {
        get throws(AmountOutOfRange) { try amount.adding(serviceFee).adding(tip) }
    }
}
