/// A person at the company who works in the back office.
public struct StaffUser: Hashable, Codable, Sendable {
    public typealias ID = Identifier<StaffUser>

    /// What a staff user may do: admins also manage settings, staff and API tokens.
    public enum Role: String, Hashable, Codable, Sendable, CaseIterable {
        case admin
        case staff
    }

    /// The user's id, a random UUID string; the audit trail names who did what by it.
    public var id: ID
    /// The company the user works for: they see and change that account's records only.
    public var accountID: Account.ID
    /// The person's name as the back office and the failed-sign-in email show it.
    public var name: String
    /// Stored lower-cased (see ``EmailAddress/normalized(_:)``).
    public var email: String
    /// A bcrypt hash, never the password.
    public var passwordHash: String
    /// What the user may do: `admin` also manages settings, staff and API tokens.
    public var role: Role

    /// Memberwise; the email is normalised (trimmed, lower-cased).
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
