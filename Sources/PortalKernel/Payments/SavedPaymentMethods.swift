import Foundation

/// A client's saved cards in the portal (SPEC F11): save one at the gateway, list those on file, remove one, choose
/// the default. The portal keeps only the gateway's token, the brand, the last four digits and the expiry. Another
/// customer's card, or a removed one, is ``Outcome/notFound``, exactly like a missing one.
public struct SavedPaymentMethods: Sendable {
    /// What became of a client's change.
    public enum Outcome: Hashable, Sendable {
        /// Done: the card as it is now.
        case done(PaymentMethod)
        /// The gateway refused to keep the card; nothing was saved. A message fit for the client.
        case declined(String)
        /// The gateway could not be reached; nothing changed. A message fit for the client.
        case gatewayUnavailable(String)
        /// No such card on file for this client.
        case notFound
    }

    /// Who acts, and from where.
    public typealias Client = ClientActor

    /// The most cards a client keeps on file: enough for a household, few enough to choose from on a phone.
    public static let limit = 10

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Keeps cards at `services.paymentGateway` and their records in `services.storage`; words the email that tells
    /// the client autopay went off with their last card with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// Whether the gateway keeps cards: the pay page offers "Save this card" only then.
    public var available: Bool { services.paymentGateway.keepsCards }

    /// The client's cards on file, the default first, then the newest.
    public func onFile(for customer: Customer.ID, in account: Account.ID) async throws -> [PaymentMethod] {
        try await services.storage.records(PaymentMethod.self).onFile(of: customer, in: account)
    }

    /// The client's card `id` when it is on file.
    public func method(_ id: PaymentMethod.ID, of customer: Customer.ID, in account: Account.ID) async throws -> PaymentMethod? {
        try await services.storage.records(PaymentMethod.self).onFile(id, of: customer, in: account)
    }

    /// Keeps `card` at the gateway and on file for `client`; the first card on file becomes the default. A client with
    /// ``limit`` cards on file is refused (``Outcome/declined(_:)``) before the gateway is asked.
    public func save(_ card: CardDetails, account: Account, by client: Client) async throws -> Outcome {
        if try await onFile(for: client.customer.id, in: account.id).count >= Self.limit {
            return .declined("You have \(Self.limit) cards saved, the most we keep: remove one to save another.")
        }
        let result: SaveCardResult
        do {
            result = try await services.paymentGateway.saveCard(card, description: "\(client.customer.displayName) at \(account.branding.displayName)")
        } catch let error as PaymentGatewayError {
            return .gatewayUnavailable(error.message)
        }
        guard case .saved(let saved) = result else {
            if case .declined(let message) = result { return .declined(message) }
            return .declined("The card was not saved.")
        }
        let now = services.clock.now
        return try await services.storage.transaction { store in
            let others = try await store.records(PaymentMethod.self).onFile(of: client.customer.id, in: account.id)
            let method = PaymentMethod(
                accountID: account.id, customerID: client.customer.id, card: saved, gateway: services.paymentGateway.driverName,
                isDefault: others.isEmpty, savedBy: client.email, createdAt: now)
            try await store.records(PaymentMethod.self).insert(method)
            try await record(.paymentMethodSaved, method, client: client, store: store, at: now)
            return .done(method)
        }
    }

    /// Forgets card `id` at the gateway and marks it removed; when it was the default, the newest other card on file
    /// becomes the default, and when it was the last, autopay goes off.
    public func remove(_ id: PaymentMethod.ID, account: Account, by client: Client) async throws -> Outcome {
        guard let method = try await method(id, of: client.customer.id, in: account.id) else { return .notFound }
        do {
            try await services.paymentGateway.removeCard(token: method.card.token)
        } catch let error as PaymentGatewayError {
            return .gatewayUnavailable(error.message)
        }
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var removed = try await store.records(PaymentMethod.self).onFile(id, of: client.customer.id, in: account.id) else { return .notFound }
            removed.removedAt = now
            removed.isDefault = false
            try await store.records(PaymentMethod.self).update(removed)
            let left = try await store.records(PaymentMethod.self).onFile(of: client.customer.id, in: account.id)
            if method.isDefault, var next = left.first {
                next.isDefault = true
                try await store.records(PaymentMethod.self).update(next)
            }
            // No card left to charge: autopay goes off with the last one (SPEC F12).
            if left.isEmpty {
                let mail = Autopays(services: services, emails: emails).mail
                _ = try await Autopays.disable(client.customer.id, account: account, client: client, mail: mail, store: store, at: now)
            }
            try await record(.paymentMethodRemoved, removed, client: client, store: store, at: now)
            return .done(removed)
        }
    }

    /// Makes card `id` the default, and no other.
    public func makeDefault(_ id: PaymentMethod.ID, account: Account, by client: Client) async throws -> Outcome {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            let methods = try await store.records(PaymentMethod.self).onFile(of: client.customer.id, in: account.id)
            guard var chosen = methods.first(where: { $0.id == id }) else { return .notFound }
            for var other in methods where other.isDefault && other.id != id {
                other.isDefault = false
                try await store.records(PaymentMethod.self).update(other)
            }
            chosen.isDefault = true
            try await store.records(PaymentMethod.self).update(chosen)
            try await record(.paymentMethodMadeDefault, chosen, client: client, store: store, at: now)
            return .done(chosen)
        }
    }

    private func record(_ action: AuditEvent.Action, _ method: PaymentMethod, client: Client, store: any Repositories, at now: Date) async throws {
        try await store.auditEvents.record(
            AuditEvent(
                accountID: method.accountID, action: action, about: .customer(client.customer.id), customerID: client.customer.id,
                actorEmail: client.email, ipAddress: client.origin.ipAddress, userAgent: client.origin.userAgent, detail: method.label,
                occurredAt: now))
    }
}
