import Foundation

/// Back-office logins (issue: staff auth): email and password, throttled, a session in storage whose cookie is
/// separate from the portal's.
public struct StaffSessions: Sendable {
    /// How a login attempt turned out. Wrong email and wrong password are the same answer.
    public enum LoginOutcome: Sendable {
        case loggedIn(ClientSessions.Started, StaffUser)
        case wrongCredentials
        /// Too soon after the last wrong password, or locked: try again at `until`.
        case throttled(until: Date, locked: Bool)
    }

    /// A request's logged-in staff user.
    public struct Staff: Hashable, Sendable {
        /// The session the request's cookie names (its `lastSeenAt` written at most once a minute).
        public var session: Session
        /// The logged-in staff user, with their role.
        public var user: StaffUser
        /// The user's account: the only one whose back office the session opens.
        public var account: Account
    }

    /// A staff session ends after this long without a request (a working day), and this long after login.
    public static let idleTimeout: TimeInterval = 12 * 3_600
    /// Fourteen days: the session's absolute expiry after login, and the cookie's lifetime.
    public static let lifetime: TimeInterval = 14 * 86_400
    let services: PortalServices
    let emails: any PortalEmailComposer
    let hashing: any PasswordHashing
    /// Wrong passwords for one email from one client address: slows, then locks that pair only, so an attacker
    /// elsewhere never locks the owner out (#17).
    let throttle: LoginThrottle
    /// Wrong passwords from one client address across every email: stops password spraying before any bcrypt work.
    let addressThrottle: LoginThrottle
    /// The hash of a random password, checked when the email is unknown, so an unknown email takes as long to refuse
    /// as a wrong password.
    private let decoyHash: String

    /// Keeps sessions and throttle counters in `services.storage`, emails failed-login warnings worded by `emails`,
    /// and checks passwords with `hashing`. `throttleRules` (the defaults unless given) budget one email from one
    /// client address; one address across emails gets three times as many tries.
    public init(
        services: PortalServices, emails: any PortalEmailComposer, hashing: any PasswordHashing,
        throttleRules: LoginThrottle.Rules = LoginThrottle.Rules()
    ) {
        self.services = services
        self.emails = emails
        self.hashing = hashing
        self.throttle = LoginThrottle(counters: services.storage.counters, rules: throttleRules)
        self.addressThrottle = LoginThrottle(counters: services.storage.counters, rules: Self.addressRules(after: throttleRules))
        decoyHash = hashing.hash(SecretToken.generate().value)
    }

    /// The rules for one client address across emails: as many free tries as three people mistyping, and a lock
    /// three times later than one email's.
    static func addressRules(after rules: LoginThrottle.Rules) -> LoginThrottle.Rules {
        var address = rules
        address.freeAttempts = rules.freeAttempts * 3
        address.lockAfter = rules.lockAfter * 3
        return address
    }

    /// The answer to a refused reservation, or `nil` when the attempt may go ahead.
    private static func refusal(_ verdict: LoginThrottle.Verdict) -> LoginOutcome? {
        switch verdict {
        case .tooSoon(let until): .throttled(until: until, locked: false)
        case .locked(let until): .throttled(until: until, locked: true)
        case .allowed: nil
        }
    }

    /// Checks `email` and `password`; on success starts a session (a new id) in the user's account. Both budgets —
    /// this email from this client address, and this address across emails — are checked before any bcrypt work.
    public func logIn(email typed: String, password: String, origin: RequestOrigin) async throws -> LoginOutcome {
        let email = EmailAddress.normalized(typed)
        let address = origin.limitKey
        let key = "staff:\(email)|\(address)"
        let addressKey = "staff-address:\(address)"
        let now = services.clock.now
        // Both budgets are reserved before the password is checked; the address's is given back when the pair's
        // refuses, or when the password is right.
        if let refused = Self.refusal(try await addressThrottle.reserve(for: addressKey, at: now)) { return refused }
        if let refused = Self.refusal(try await throttle.reserve(for: key, at: now)) {
            try await addressThrottle.refund(for: addressKey, at: now)
            return refused
        }
        let candidates = try await services.storage.staffUsers.all(email: email)
        guard let user = candidates.first(where: { hashing.verify(password, against: $0.passwordHash) }) else {
            if candidates.isEmpty { _ = hashing.verify(password, against: decoyHash) }
            // Counted after the answer, so a known email takes no longer to refuse than an unknown one.
            let latest = origin.ipAddress ?? "unknown"
            await services.deferredWork.submit("failed sign-in") {
                for user in candidates { try await countFailure(of: user, from: latest, at: now) }
            }
            return .wrongCredentials
        }
        try await throttle.recordSuccess(for: key, at: now)
        try await addressThrottle.refund(for: addressKey, at: now)
        let secret = SecretToken.generate()
        let session = Session(
            id: Session.ID(rawValue: secret.hash), accountID: user.accountID, principal: .staff(user.id), createdAt: now,
            lastSeenAt: now, absoluteExpiry: now.addingTimeInterval(Self.lifetime))
        try await services.storage.sessions.save(session)
        return .loggedIn(ClientSessions.Started(cookieValue: secret, session: session), user)
    }

    /// Counts a wrong password for `user` from any address; when a window's count reaches the lock threshold, the
    /// user and the account's admins are emailed, once a window (#17: a burst of failed logins is told to the
    /// admin; the per-address locks never refuse the owner, so the owner may not notice it otherwise).
    func countFailure(of user: StaffUser, from address: String, at now: Date) async throws {
        let rules = throttle.rules
        let failures = try await RateLimiter(counters: services.storage.counters)
            .count("staff-failures:\(user.id)", window: rules.window, at: now)
        guard failures == rules.lockAfter, let account = try await services.storage.accounts.find(user.accountID) else { return }
        let admins = try await services.storage.staffUsers.all(in: user.accountID).filter { $0.role == .admin && $0.email != user.email }
        let recipients = ([user] + admins).map { EmailMessage.Mailbox(address: $0.email, name: $0.name) }
        let message = try emails.compose(
            .failedLogins(account: account, user: user, attempts: failures, minutes: Int(rules.window / 60), latestAddress: address),
            to: recipients)
        try await services.storage.outbox.enqueue(
            OutboxMessage(
                accountID: account.id, email: message, about: RecordReference(kind: .staffUser, id: user.id.rawValue),
                nextAttemptAt: now, createdAt: now))
    }

    /// The staff user whose cookie this is, if the session is an active staff session and the user still exists.
    public func resume(cookieValue: String) async throws -> Staff? {
        let now = services.clock.now
        guard var session = try await services.storage.sessions.find(Session.ID(rawValue: SecretToken.hash(of: cookieValue))),
            session.isActive(at: now, idleTimeout: Self.idleTimeout), case .staff(let userID) = session.principal,
            let user = try await services.storage.staffUsers.find(userID, in: session.accountID),
            let account = try await services.storage.accounts.find(session.accountID)
        else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) >= ClientSessions.lastSeenResolution {
            session.lastSeenAt = now
            try await services.storage.markSeen(session.id, at: now)
        }
        return Staff(session: session, user: user, account: account)
    }

    /// Ends the session.
    public func end(_ staff: Staff) async throws {
        try await services.storage.sessions.delete(staff.session.id)
    }
}
