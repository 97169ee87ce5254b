import Foundation

/// Emailed login links (SPEC F2, F3): request one by email, then use it once to start a portal session.
public struct LoginLinks: Sendable {
    /// What a request for a login link led to. Deliberately says nothing about whether the email matched.
    public enum RequestOutcome: Hashable, Sendable {
        /// "Check your email": a link went out if the address belongs to a customer.
        case accepted
        /// Too many requests from this address or IP for now.
        case rateLimited
    }

    /// A login link's state, as its `GET` page shows it without using it up.
    public enum LinkState: Hashable, Sendable {
        case usable
        /// Used, expired, or never issued: the page offers a new one.
        case unusable
    }

    let services: PortalServices
    let emails: any PortalEmailComposer
    let policy: PortalPolicy

    /// Keeps links and rate-limit counters in `services.storage` and looks the email up after the answer
    /// (`services.deferredWork`); words the login email with `emails`; the link's lifetime and the request limits come
    /// from `policy`.
    public init(services: PortalServices, emails: any PortalEmailComposer, policy: PortalPolicy) {
        self.services = services
        self.emails = emails
        self.policy = policy
    }

    /// Emails a login link to `email` if it is a contact email of one of the account's customers. Answers the same
    /// whether or not it is; the rate limits count every request alike, and the look-up, the email and its write
    /// happen after the answer (``PortalServices/deferredWork``), so the answer's time does not tell either (#17).
    public func request(email typed: String, account: Account, origin: RequestOrigin) async throws -> RequestOutcome {
        let email = EmailAddress.normalized(typed)
        let now = services.clock.now
        services.meter.record(.loginLinkRequested)
        // The limits are counted in one transaction (one write, not three: #22).
        let (byIP, mayEmail) = try await services.storage.transaction { [policy] store in
            let limiter = RateLimiter(counters: store.counters)
            guard try await limiter.attempt(
                "login-ip:\(origin.limitKey)", limit: policy.loginRequestsPerIP, window: policy.rateLimitWindow, at: now)
            else { return (false, false) }
            // Per address, requests are never refused (anyone could then lock a client out, #17): beyond one email
            // a minute and `loginRequestsPerEmail` a window, the answer is the same and no email goes out; the
            // links already sent still work.
            guard try await limiter.attempt("login-email-minute:\(account.id):\(email)", limit: 1, window: 60, at: now)
            else { return (true, false) }
            return (true, try await limiter.attempt(
                "login-email:\(account.id):\(email)", limit: policy.loginRequestsPerEmail, window: policy.rateLimitWindow, at: now))
        }
        guard byIP else { return .rateLimited }
        guard mayEmail, EmailAddress.isValid(email) else { return .accepted }
        await services.deferredWork.submit("login link") { try await sendLink(to: email, account: account, requestedAt: now) }
        return .accepted
    }

    /// Emails a new login link to `email` if one of the account's customers has it; nothing otherwise.
    func sendLink(to email: String, account: Account, requestedAt now: Date) async throws {
        guard let customer = try await services.storage.customers.find(email: email, in: account.id).first else { return }
        let token = SecretToken.generate()
        let record = LoginToken(
            accountID: account.id, tokenHash: token.hash, email: email, createdAt: now,
            expiresAt: now.addingTimeInterval(policy.loginLinkLifetime))
        let link = PortalLinks(publicBaseURL: services.publicBaseURL).login(account, token: token)
        let message = try emails.compose(
            .loginLink(account: account, link: link, validMinutes: Int(policy.loginLinkLifetime / 60)),
            to: [EmailMessage.Mailbox(address: email, name: customer.displayName)])
        try await services.storage.transaction { store in
            try await store.loginTokens.insert(record)
            try await store.outbox.enqueue(
                OutboxMessage(
                    accountID: account.id, email: message, about: RecordReference(kind: .loginLink, id: record.id.rawValue),
                    nextAttemptAt: now, createdAt: now))
        }
    }

    /// Whether the link can still log in, without using it (a mail scanner's `GET` must leave it usable).
    public func state(of token: String, account: Account) async throws -> LinkState {
        let record = try await services.storage.loginTokens.find(hash: SecretToken.hash(of: token), in: account.id)
        return record?.isUsable(at: services.clock.now) == true ? .usable : .unusable
    }

    /// Uses the link and starts a portal session as the first of the email's customers (by name). `nil` when the
    /// link is unknown, used, expired, or its email no longer belongs to any customer.
    public func redeem(token: String, account: Account, origin: RequestOrigin) async throws -> ClientSessions.Started? {
        let now = services.clock.now
        guard let used = try await services.storage.loginTokens.consume(hash: SecretToken.hash(of: token), in: account.id, at: now)
        else { return nil }
        let customers = try await services.storage.customers.find(email: used.email, in: account.id)
        guard let customer = customers.min(by: { ($0.displayName, $0.id) < ($1.displayName, $1.id) }) else { return nil }
        let sessions = ClientSessions(services: services, policy: policy)
        let started = try await sessions.start(email: used.email, customer: customer, account: account, origin: origin)
        services.meter.record(.loginLinkUsed)
        return started
    }
}
