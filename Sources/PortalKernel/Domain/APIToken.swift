import Foundation

/// A bearer token for the JSON API, as stored: only its hash. Shown once when created; revocable.
public struct APIToken: Hashable, Codable, Sendable {
    public typealias ID = Identifier<APIToken>

    /// The token's id, by which the back office lists and revokes it (the token itself is never stored).
    public var id: ID
    /// The account whose API the token opens; it reaches no other account's records.
    public var accountID: Account.ID
    /// What it is for (`Zapier`, `accounting sync`), so an admin knows which to revoke.
    public var name: String
    /// ``SecretToken/hash`` of the token.
    public var tokenHash: String
    /// When the token was created (`portal token create`, through ``CompanySetup``).
    public var createdAt: Date
    /// Set when revoked: a revoked token is refused from then on.
    public var revokedAt: Date?

    /// Memberwise: the token's hash, never the token, which ``SecretToken`` makes and the creator is shown once.
    public init(
        id: ID = .random(), accountID: Account.ID, name: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the token still opens the API.
    public var isActive: Bool { revokedAt == nil }
}
