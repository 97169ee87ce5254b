import Foundation

/// Staff's side of customers: create one, and invite them to the portal.
public struct CustomerManagement: Sendable {
    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes through `services` (storage and its outbox, clock); words the invitation with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// The account's customer with `id`; `nil` for an unknown id or another account's.
    public func customer(_ id: Customer.ID, in account: Account.ID) async throws -> Customer? {
        try await services.storage.customers.find(id, in: account)
    }

    /// The account's customers, by name.
    public func all(in account: Account.ID) async throws -> [Customer] {
        try await services.storage.customers.all(in: account)
    }

    /// A new customer with one to ``EmailLimits/customerEmails`` valid emails (SPEC M4: all of them go in `To`).
    public func create(
        displayName: String, emails typed: [String], phone: String?, billingAddress: Address?, serviceAddresses: [Address],
        in account: Account.ID, by actor: StaffActor?
    ) async throws -> Customer {
        let customer = try Self.newCustomer(
            displayName: displayName, emails: typed, phone: phone, billingAddress: billingAddress, serviceAddresses: serviceAddresses,
            in: account)
        try await services.storage.transaction { store in
            try await store.customers.insert(customer)
            try await store.recordChange(.customerCreated, about: .customer(customer.id), in: account, by: actor, at: services.clock.now)
        }
        return customer
    }

    /// The customer ``create(displayName:emails:phone:billingAddress:serviceAddresses:in:)`` would save, checked but
    /// not saved, for a use case that saves it in a transaction of its own; `UseCaseError.invalid` with the reason.
    public static func newCustomer(
        displayName: String, emails typed: [String], phone: String?, billingAddress: Address?, serviceAddresses: [Address],
        in account: Account.ID
    ) throws -> Customer {
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.count <= 200 else { throw UseCaseError.invalid("Give the customer a name (up to 200 characters).", field: "displayName") }
        if let problem = SingleLineText.problem(name, naming: "A customer's name") { throw UseCaseError.invalid(problem, field: "displayName") }
        let addresses = EmailAddress.normalizedList(typed)
        guard !addresses.isEmpty else { throw UseCaseError.invalid("Give the customer at least one email address.", field: "emails") }
        // Counted as given, repeats included, as the API's contract says (`maxItems`); a repeat is then kept once.
        guard typed.count <= EmailLimits.customerEmails else {
            throw UseCaseError.invalid("Give the customer up to \(EmailLimits.customerEmails) email addresses (there are \(typed.count)).", field: "emails")
        }
        if let bad = addresses.first(where: { !EmailAddress.isValid($0) }) {
            throw UseCaseError.invalid("\"\(bad)\" is not an email address.", field: "emails")
        }
        return Customer(
            accountID: account, displayName: name, emails: addresses, phone: phone, billingAddress: billingAddress,
            serviceAddresses: serviceAddresses)
    }

    /// Emails the customer the portal link ("Send portal invitation").
    public func invite(_ id: Customer.ID, in account: Account, by actor: StaffActor?) async throws {
        guard let customer = try await services.storage.customers.find(id, in: account.id) else {
            throw UseCaseError.notFound("No such customer.")
        }
        guard !customer.emails.isEmpty else { throw UseCaseError.invalid("The customer has no email address.") }
        let now = services.clock.now
        let message = try emails.compose(
            .portalInvitation(account: account, customer: customer),
            to: customer.mailboxes)
        try await services.storage.transaction { store in
            try await store.recordSent(message, about: .customer(customer.id), action: .customerInvited, in: account.id, by: actor, at: now)
        }
    }
}
