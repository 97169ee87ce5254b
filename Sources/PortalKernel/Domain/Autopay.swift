import Foundation

/// A customer's autopay (SPEC F12): whether it is on, and the consent the client gave to turn it on: the exact
/// wording shown, when, by whom and from where. One per customer; turning it off keeps the consent and records when.
public struct Autopay: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Autopay>

    /// The customer's id: one autopay per customer.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// Whose invoices it pays.
    public var customerID: Customer.ID
    /// Whether each open invoice is charged on its due date.
    public var enabled: Bool
    /// The authorisation wording exactly as the client saw it and agreed to.
    public var wording: String
    /// When the client turned it on.
    public var consentedAt: Date
    /// The email the client was logged in with.
    public var consentedBy: String
    /// The client's IP address as the server saw it; `nil` when not known.
    public var ipAddress: String?
    /// The client's browser, as it named itself.
    public var userAgent: String?
    /// When the client turned it off; `nil` while on.
    public var disabledAt: Date?

    /// Memberwise; the id is the customer's.
    public init(
        accountID: Account.ID, customerID: Customer.ID, enabled: Bool, wording: String, consentedAt: Date, consentedBy: String,
        ipAddress: String?, userAgent: String?, disabledAt: Date? = nil
    ) {
        id = ID(rawValue: customerID.rawValue)
        self.accountID = accountID
        self.customerID = customerID
        self.enabled = enabled
        self.wording = wording
        self.consentedAt = consentedAt
        self.consentedBy = consentedBy
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.disabledAt = disabledAt
    }
}
