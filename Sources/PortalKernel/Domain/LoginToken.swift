import Foundation

/// A login link's token, as stored: only its hash, never the token itself (SPEC F3).
public struct LoginToken: Hashable, Codable, Sendable {
    public typealias ID = Identifier<LoginToken>

    /// The token's id, a random UUID string (never the token itself).
    public var id: ID
    /// The account whose portal the link logs in to.
    public var accountID: Account.ID
    /// ``SecretToken/hash`` of the token in the emailed link.
    public var tokenHash: String
    /// The email the link was sent to; it logs in as the customers that email belongs to.
    public var email: String
    /// When the link was requested, by the portal's clock.
    public var createdAt: Date
    /// When the link stops working: ``PortalPolicy/loginLinkLifetime`` after it was made (20 minutes by default, SPEC
    /// F3).
    public var expiresAt: Date
    /// Set once, when the token is used: a used token never logs anybody in again.
    public var usedAt: Date?

    /// Memberwise; the email is normalised (trimmed, lower-cased).
    public init(
        id: ID = .random(), accountID: Account.ID, tokenHash: String, email: String, createdAt: Date, expiresAt: Date,
        usedAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.email = EmailAddress.normalized(email)
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// Whether the token can still log someone in at `instant`.
    public func isUsable(at instant: Date) -> Bool {
        usedAt == nil && instant < expiresAt
    }
}
