import Foundation

/// A logged-in browser: a client in the portal or a staff user in the back office.
///
/// Stored by the hash of the cookie's secret, so a copy of the database cannot be used to hijack sessions.
public struct Session: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Session>

    /// Who the session belongs to.
    public enum Principal: Hashable, Codable, Sendable {
        /// A client who logged in with `email`, currently looking at `customerID` (one of that email's customers).
        case client(email: String, customerID: Customer.ID)
        case staff(StaffUser.ID)
    }

    /// ``SecretToken/hash`` of the cookie value.
    public var id: ID
    /// The account the session is in: a portal session opens only that account's portal, a staff session only its back
    /// office.
    public var accountID: Account.ID
    /// Who is logged in: a client (by email, and the customer they are looking at) or a staff user.
    public var principal: Principal
    /// When the login happened.
    public var createdAt: Date
    /// The latest request seen on the session, written at most once a minute; the idle timeout counts from here.
    public var lastSeenAt: Date
    /// The session ends here however active it is.
    public var absoluteExpiry: Date

    /// Memberwise: the id is the hash of the cookie's secret, which the caller makes.
    public init(
        id: ID, accountID: Account.ID, principal: Principal, createdAt: Date, lastSeenAt: Date, absoluteExpiry: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.principal = principal
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.absoluteExpiry = absoluteExpiry
    }

    /// Whether the session is still good at `instant`, given how long it may sit idle.
    public func isActive(at instant: Date, idleTimeout: TimeInterval) -> Bool {
        instant < absoluteExpiry && instant.timeIntervalSince(lastSeenAt) < idleTimeout
    }
}
