import Foundation

/// Money received against an invoice. Never holds a card number: only the gateway's reference.
public struct Payment: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Payment>

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

    public var id: ID
    public var accountID: Account.ID
    public var invoiceID: Invoice.ID
    public var amount: Money
    public var method: Method
    public var source: Source
    public var gatewayReference: String?
    /// Unique in the account: a retry with the same key never records (or charges) twice.
    public var idempotencyKey: String?
    public var receivedAt: Date

    public init(
        id: ID = .random(), accountID: Account.ID, invoiceID: Invoice.ID, amount: Money, method: Method,
        source: Source, gatewayReference: String? = nil, idempotencyKey: String? = nil, receivedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.invoiceID = invoiceID
        self.amount = amount
        self.method = method
        self.source = source
        self.gatewayReference = gatewayReference
        self.idempotencyKey = idempotencyKey
        self.receivedAt = receivedAt
    }
}
