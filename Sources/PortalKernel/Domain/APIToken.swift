import Foundation

/// A bearer token for the JSON API, as stored: only its hash. Shown once when created; revocable.
public struct APIToken: Hashable, Codable, Sendable {
    public typealias ID = Identifier<APIToken>

    public var id: ID
    public var accountID: Account.ID
    /// What it is for (`Zapier`, `accounting sync`), so an admin knows which to revoke.
    public var name: String
    /// ``SecretToken/hash`` of the token.
    public var tokenHash: String
    public var createdAt: Date
    /// Set when revoked: a revoked token is refused from then on.
    public var revokedAt: Date?

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
