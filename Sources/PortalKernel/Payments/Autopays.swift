import Foundation

/// A client's autopay in the portal (SPEC F12): the authorisation wording they are shown, turning autopay on with it
/// (kept with the time, the email and the address) and off at once. Staff only read it. Turning on needs a card on
/// file; the charges are ``AutopayRun``'s.
public struct Autopays: Sendable {
    /// What became of a client's change.
    public enum Outcome: Hashable, Sendable {
        /// Done: autopay as it is now.
        case done(Autopay)
        /// No card on file to charge: save one first.
        case needsCard
        /// The wording changed since the client read it (another default card, a new service fee): nothing was saved;
        /// the wording now, to read again.
        case wordingChanged(String)
        /// Autopay is not on.
        case notOn
    }

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Keeps autopay in `services.storage`, dated by `services.clock`; words the client's copy of each change with
    /// `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// How the client's copy of a change is worded and linked.
    struct Mail: Sendable {
        let emails: any PortalEmailComposer
        let links: PortalLinks
    }

    /// The composer and the links of the client's copies.
    var mail: Mail { Mail(emails: emails, links: PortalLinks(publicBaseURL: services.publicBaseURL)) }

    /// The customer's autopay: on, off (with the consent it had), or `nil` when never turned on.
    public func state(of customer: Customer.ID, in account: Account.ID) async throws -> Autopay? {
        try await services.storage.records(Autopay.self).find(Autopay.ID(rawValue: customer.rawValue), in: account)
    }

    /// The authorisation the client agrees to, naming their default card and the account's service fee; `nil` when
    /// they have no card on file.
    public func wording(for customer: Customer.ID, account: Account) async throws -> String? {
        try await Self.wording(for: customer, account: account, store: services.storage)
    }

    /// Turns autopay on when `agreedHash` is the SHA-256 (hex) of the wording now: what the client read is what is
    /// kept with their consent. Sends `autopay.enabled`, and the client a copy of what they agreed to.
    public func turnOn(account: Account, by client: ClientActor, agreedHash: String) async throws -> Outcome {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard let wording = try await Self.wording(for: client.customer.id, account: account, store: store) else { return .needsCard }
            guard SecretToken.hash(of: wording) == agreedHash else { return .wordingChanged(wording) }
            let autopay = Autopay(
                accountID: account.id, customerID: client.customer.id, enabled: true, wording: wording, consentedAt: now,
                consentedBy: client.email, ipAddress: client.origin.ipAddress, userAgent: client.origin.userAgent)
            if try await store.records(Autopay.self).find(autopay.id, in: account.id) == nil {
                try await store.records(Autopay.self).insert(autopay)
            } else {
                try await store.records(Autopay.self).update(autopay)
            }
            try await Self.record(.autopayEnabled, autopay, detail: wording, account: account, client: client, mail: mail, store: store, at: now)
            return .done(autopay)
        }
    }

    /// Turns autopay off at once: no later charge. Sends `autopay.disabled`, and the client an email saying so.
    public func turnOff(account: Account, by client: ClientActor) async throws -> Outcome {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard let off = try await Self.disable(client.customer.id, account: account, client: client, mail: mail, store: store, at: now)
            else { return .notOn }
            return .done(off)
        }
    }

    /// Turns the customer's autopay off inside the caller's transaction (the client asked, or removed their last
    /// card), with its audit event, webhook and the client's email; `nil` when it was not on.
    static func disable(
        _ customer: Customer.ID, account: Account, client: ClientActor, mail: Mail, store: any Repositories, at now: Date
    ) async throws -> Autopay? {
        guard var autopay = try await store.records(Autopay.self).find(Autopay.ID(rawValue: customer.rawValue), in: account.id), autopay.enabled
        else { return nil }
        autopay.enabled = false
        autopay.disabledAt = now
        try await store.records(Autopay.self).update(autopay)
        try await record(.autopayDisabled, autopay, detail: nil, account: account, client: client, mail: mail, store: store, at: now)
        return autopay
    }

    /// The wording for the customer's default card on file in `store`; `nil` without one.
    static func wording(for customer: Customer.ID, account: Account, store: any Repositories) async throws -> String? {
        wording(cards: try await store.records(PaymentMethod.self).onFile(of: customer, in: account.id), account: account)
    }

    /// The wording for the default card among `cards` (the client's cards on file); `nil` without one.
    public static func wording(cards: [PaymentMethod], account: Account) -> String? {
        guard let card = cards.first(where: \.isDefault) else { return nil }
        let fee = account.settings.serviceFeeBasisPoints
        let feeWords = fee > 0 ? ", plus the \(Decimal(fee) / 100) % card service fee" : ""
        return "I authorise \(account.branding.displayName) to charge my default card on file (now \(card.label)) the full balance "
            + "of each of my invoices on its due date (its invoice date when it has none)\(feeWords), until I turn autopay off "
            + "in this portal."
    }

    /// The change's audit event and webhook, and the client's copy of it by email (a recurring charge's terms, as card
    /// networks ask merchants to confirm them), to the address they used.
    private static func record(
        _ action: AuditEvent.Action, _ autopay: Autopay, detail: String?, account: Account, client: ClientActor, mail: Mail,
        store: any Repositories, at now: Date
    ) async throws {
        let (emails, links) = (mail.emails, mail.links)
        let copy = try emails.compose(
            .autopayChanged(account: account, customer: client.customer, autopay: autopay, link: links.paymentMethods(account)),
            to: [EmailMessage.Mailbox(address: client.email, name: client.customer.displayName)])
        try await store.outbox.enqueue(
            OutboxMessage(accountID: account.id, email: copy, about: .customer(client.customer.id), nextAttemptAt: now, createdAt: now))
        try await store.auditEvents.record(
            AuditEvent(
                accountID: account.id, action: action, about: .customer(client.customer.id), customerID: client.customer.id,
                actorEmail: client.email, ipAddress: client.origin.ipAddress, userAgent: client.origin.userAgent, detail: detail, occurredAt: now))
        try await WebhookEvents.enqueue(
            action == .autopayEnabled ? .autopayEnabled : .autopayDisabled, data: autopay, about: .customer(client.customer.id), account: account,
            store: store, at: now)
    }
}
