import Foundation

/// A customer's calendar feed (SPEC V4): the hash of the secret in its URL, one per customer. Renewing it replaces
/// the hash, so the old URL finds nothing.
public struct CalendarFeed: Hashable, Codable, Sendable {
    public typealias ID = Identifier<CalendarFeed>

    /// The customer's id: one feed per customer.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// Whose visits the feed holds.
    public var customerID: Customer.ID
    /// SHA-256 of the URL's secret, hex (``SecretToken/hash``); the secret itself is never stored.
    public var tokenHash: String
    /// When the current secret was made.
    public var renewedAt: Date

    /// Memberwise; the id is the customer's.
    public init(accountID: Account.ID, customerID: Customer.ID, tokenHash: String, renewedAt: Date) {
        id = ID(rawValue: customerID.rawValue)
        self.accountID = accountID
        self.customerID = customerID
        self.tokenHash = tokenHash
        self.renewedAt = renewedAt
    }
}
