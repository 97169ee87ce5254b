/// A refund of an approved charge, in full or in part (SPEC F15).
public struct RefundRequest: Hashable, Sendable {
    /// The gateway's reference of the approved charge.
    public var reference: String
    /// What to give back, in minor units of ``currencyCode``: more than zero, no more than is left of the charge.
    public var amount: Money
    /// The ISO 4217 code of the charge's currency, the account's.
    public var currencyCode: String
    /// A repeat of it is the same refund, never a second one (`<account>:<key>`).
    public var idempotencyKey: String
    /// Why, for the gateway's records (`Refund of INV-1042`).
    public var reason: String

    /// Memberwise.
    public init(reference: String, amount: Money, currencyCode: String, idempotencyKey: String, reason: String) {
        self.reference = reference
        self.amount = amount
        self.currencyCode = currencyCode
        self.idempotencyKey = idempotencyKey
        self.reason = reason
    }
}

/// What the gateway answered to a refund.
public enum RefundResult: Hashable, Sendable {
    /// Given back: keep `reference` with the refund.
    case refunded(reference: String)
    /// Refused, with the reason (more than is left of the charge, an unknown charge). Nothing was given back.
    case declined(message: String)
}
