import Foundation

/// Money received against an invoice. Never holds a card number: only the gateway's reference.
public struct Payment: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Payment>

    /// How the money came: `card` for every portal payment (staff may record one too), or a bank transfer, a
    /// check, cash or anything else staff record.
    public enum Method: String, Hashable, Codable, Sendable, CaseIterable {
        case card
        case bank
        case check
        case cash
        case other
    }

    /// Who recorded it: the client paying in the portal, or staff entering it.
    public enum Source: String, Hashable, Codable, Sendable, CaseIterable {
        case portal
        case staff
    }

    /// The payment's id, a random UUID string; the receipt's link names it.
    public var id: ID
    /// The company that received the payment.
    public var accountID: Account.ID
    /// The invoice the payment counts against.
    public var invoiceID: Invoice.ID
    /// What the payment takes off the invoice's balance.
    public var amount: Money
    /// A card service fee charged on top of ``amount`` (the account's service-fee percentage); not part of the
    /// invoice, so it never reduces the balance.
    public var serviceFee: Money
    /// A tip charged with it (SPEC F14), in minor units: not part of the invoice, so it never reduces the balance;
    /// `nil` for none. The ``Tip`` record of the same amount names the crew.
    public var tip: Money?
    /// How the money came.
    public var method: Method
    /// Who recorded it: the portal (a client's card payment) or staff and integrations.
    public var source: Source
    /// The payment gateway's reference of the approved charge, for looking it up at the gateway; `nil` for a payment
    /// staff recorded.
    public var gatewayReference: String?
    /// For a card payment: brand and last four digits, as the gateway reported them. Never the card number.
    public var card: CardSummary?
    /// Unique in the account: a retry with the same key never records (or charges) twice.
    public var idempotencyKey: String?
    /// When the payment was recorded, by the portal's clock.
    public var receivedAt: Date
    /// What refunds gave back of it so far, every part together (SPEC F15), in minor units; `nil` for none.
    public var refunded: Money?

    /// Memberwise; no service fee and no tip unless told otherwise. ``InvoicePayments`` and ``Billing`` check the amount against
    /// the invoice's balance (SPEC M3) before they get here.
    public init(
        id: ID = .random(), accountID: Account.ID, invoiceID: Invoice.ID, amount: Money, serviceFee: Money = .zero,
        tip: Money? = nil, method: Method, source: Source, gatewayReference: String? = nil, card: CardSummary? = nil,
        idempotencyKey: String? = nil, receivedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.invoiceID = invoiceID
        self.amount = amount
        self.serviceFee = serviceFee
        self.tip = tip
        self.method = method
        self.source = source
        self.gatewayReference = gatewayReference
        self.card = card
        self.idempotencyKey = idempotencyKey
        self.receivedAt = receivedAt
    }

    /// What is left to refund: ``charged`` less ``refunded``; ``AmountOutOfRange`` only for a stored record out of
    /// range (SPEC M2).
    public var refundable: Money {
        get throws(AmountOutOfRange) { max(.zero, try charged.subtracting(refunded ?? .zero)) }
    }

    /// What was charged in all: the amount plus the service fee and the tip; ``AmountOutOfRange`` only for a stored
    /// record out of range (SPEC M2).
    public var charged: Money {
        get throws(AmountOutOfRange) { try amount.adding(serviceFee).adding(tip ?? .zero) }
    }
}
