import Foundation

/// A card a client saved for later (SPEC F11): the gateway's token and what the portal shows of it, never the
/// number. Removing it forgets the token at the gateway and keeps the record, marked removed, for the audit trail.
public struct PaymentMethod: Hashable, Codable, Sendable {
    public typealias ID = Identifier<PaymentMethod>

    /// The method's id, a random UUID string.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// Whose card it is: only this customer's portal shows or charges it.
    public var customerID: Customer.ID
    /// The gateway's token, brand, last four digits and expiry.
    public var card: SavedCard
    /// The gateway that keeps the token (`payments.driver`), so a token is never sent to another.
    public var gateway: String
    /// Whether it is the customer's default: the one the pay page picks and autopay charges. At most one per customer.
    public var isDefault: Bool
    /// The email the client saved it with.
    public var savedBy: String?
    /// When it was saved.
    public var createdAt: Date
    /// When the client removed it; `nil` while it is on file.
    public var removedAt: Date?

    /// Memberwise; on file until removed.
    public init(
        id: ID = .random(), accountID: Account.ID, customerID: Customer.ID, card: SavedCard, gateway: String, isDefault: Bool,
        savedBy: String?, createdAt: Date, removedAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.customerID = customerID
        self.card = card
        self.gateway = gateway
        self.isDefault = isDefault
        self.savedBy = savedBy
        self.createdAt = createdAt
        self.removedAt = removedAt
    }

    /// `Visa ending 4242, expires 12/2030`.
    public var label: String {
        "\(card.summary), expires \(card.expiryMonth < 10 ? "0" : "")\(card.expiryMonth)/\(card.expiryYear)"
    }
}
