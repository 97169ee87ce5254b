import Foundation

/// Portal sessions (issue: sessions): kept in storage by the hash of the cookie's secret, with idle and absolute
/// expiry, a new secret at every login, and removed at logout.
public struct ClientSessions: Sendable {
    /// A session just started: the secret goes into the cookie, the session into storage.
    public struct Started: Sendable {
        /// The session's secret: its value goes into the cookie; only its hash is stored, as the session's id.
        public var cookieValue: SecretToken
        /// The session as saved.
        public var session: Session

        /// Memberwise: `session.id` is `cookieValue`'s hash.
        public init(cookieValue: SecretToken, session: Session) {
            self.cookieValue = cookieValue
            self.session = session
        }
    }

    /// A request's logged-in client: the person, known by the email they logged in with, looking at one
    /// `customer` (the company's record) of the customers that email belongs to. A client is not a customer: one
    /// email may reach several customers, and the client switches between them.
    public struct Client: Hashable, Sendable {
        /// The client's session (its `lastSeenAt` written at most once a minute).
        public var session: Session
        /// The normalised email the client logged in with; `customer` still lists it.
        public var email: String
        /// The customer the client is looking at, one of those that list `email`; switching customer changes it.
        public var customer: Customer
        /// Every customer that lists `email`, by name, `customer` among them: the switcher's choices, read in the
        /// same look-up as `customer` (#22: one statement fewer on every client page).
        public var customers: [Customer]
    }

    /// A request's session is written back at most this often, so browsing does not write on every page.
    static let lastSeenResolution: TimeInterval = 60

    let services: PortalServices
    let policy: PortalPolicy

    /// Keeps sessions and the login audit events in `services.storage`; a session's lifetime and idle timeout come from
    /// `policy`.
    public init(services: PortalServices, policy: PortalPolicy) {
        self.services = services
        self.policy = policy
    }

    /// Starts a session for `email`, looking at `customer`, and records the login.
    public func start(email: String, customer: Customer, account: Account, origin: RequestOrigin) async throws -> Started {
        let now = services.clock.now
        let secret = SecretToken.generate()
        let session = Session(
            id: Session.ID(rawValue: secret.hash), accountID: account.id,
            principal: .client(email: email, customerID: customer.id), createdAt: now, lastSeenAt: now,
            absoluteExpiry: now.addingTimeInterval(policy.sessionLifetime))
        try await services.storage.transaction { store in
            try await store.sessions.save(session)
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .loggedIn, about: .customer(customer.id), customerID: customer.id,
                    actorEmail: email, ipAddress: origin.ipAddress, userAgent: origin.userAgent, occurredAt: now))
        }
        return Started(cookieValue: secret, session: session)
    }

    /// The client whose cookie this is, if the session is a client session of this account, still active, and its
    /// customer still lists the email. Marks the session as seen.
    public func resume(cookieValue: String, account: Account) async throws -> Client? {
        let now = services.clock.now
        guard var session = try await services.storage.sessions.find(Session.ID(rawValue: SecretToken.hash(of: cookieValue))),
            session.accountID == account.id, session.isActive(at: now, idleTimeout: policy.sessionIdleTimeout),
            case .client(let email, let customerID) = session.principal
        else { return nil }
        // The customers that list the email, by name; the session's customer must still be one of them.
        let customers = try await services.storage.customers.find(email: email, in: account.id)
            .sorted { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
        guard let customer = customers.first(where: { $0.id == customerID }) else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.lastSeenResolution {
            session.lastSeenAt = now
            try await services.storage.markSeen(session.id, at: now)
        }
        return Client(session: session, email: email, customer: customer, customers: customers)
    }

    /// Switches the session to another customer of the same email; `false` when the email does not belong to it.
    public func switchCustomer(of client: Client, to customerID: Customer.ID) async throws -> Bool {
        guard let customer = try await services.storage.customers.find(customerID, in: client.session.accountID),
            customer.emails.contains(client.email)
        else { return false }
        // Read again in a transaction: a logout committed since the page read the session stays done.
        return try await services.storage.transaction { store in
            guard var session = try await store.sessions.find(client.session.id) else { return false }
            session.principal = .client(email: client.email, customerID: customer.id)
            try await store.sessions.save(session)
            return true
        }
    }

    /// Forgets `client`'s session when a new login in the same browser replaces it (not a logout: nothing is
    /// recorded).
    public func replace(_ client: Client) async throws {
        try await services.storage.sessions.delete(client.session.id)
    }

    /// Ends the session and records the logout.
    public func end(_ client: Client, origin: RequestOrigin) async throws {
        try await services.storage.transaction { store in
            try await store.sessions.delete(client.session.id)
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: client.session.accountID, action: .loggedOut, about: .customer(client.customer.id),
                    customerID: client.customer.id, actorEmail: client.email, ipAddress: origin.ipAddress,
                    userAgent: origin.userAgent, occurredAt: services.clock.now))
        }
    }
}

extension PortalStorage {
    /// Moves a session's last-seen time to `instant` if the session still exists, read again in a transaction: a
    /// page reads the session first (in its snapshot), and a logout or a switch of customer that committed since
    /// must not be undone by the page writing back what it read.
    func markSeen(_ id: Session.ID, at instant: Date) async throws {
        try await transaction { store in
            guard var current = try await store.sessions.find(id), current.lastSeenAt < instant else { return }
            current.lastSeenAt = instant
            try await store.sessions.save(current)
        }
    }
}
