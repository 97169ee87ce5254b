/// A person at the company who works in the back office.
public struct StaffUser: Hashable, Codable, Sendable {
    public typealias ID = Identifier<StaffUser>

    /// What a staff user may do: admins also manage settings, staff and API tokens.
    public enum Role: String, Hashable, Codable, Sendable, CaseIterable {
        case admin
        case staff
    }

    public var id: ID
    public var accountID: Account.ID
    public var name: String
    /// Stored lower-cased (see ``EmailAddress/normalized(_:)``).
    public var email: String
    /// A bcrypt hash, never the password.
    public var passwordHash: String
    public var role: Role

    public init(
        id: ID = .random(), accountID: Account.ID, name: String, email: String, passwordHash: String, role: Role
    ) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.email = EmailAddress.normalized(email)
        self.passwordHash = passwordHash
        self.role = role
    }
}
