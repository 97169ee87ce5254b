/// A client of the company.
///
/// One email may belong to several customers of the same account (a property manager): the portal lets that
/// person switch between them.
public struct Customer: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Customer>

    public var id: ID
    public var accountID: Account.ID
    public var displayName: String
    /// Contact emails, lower-cased; any of them can log in to the portal.
    public var emails: [String]
    public var phone: String?
    public var billingAddress: Address?
    public var serviceAddresses: [Address]

    public init(
        id: ID = .random(), accountID: Account.ID, displayName: String, emails: [String], phone: String? = nil,
        billingAddress: Address? = nil, serviceAddresses: [Address] = []
    ) {
        self.id = id
        self.accountID = accountID
        self.displayName = displayName
        self.emails = EmailAddress.normalizedList(emails)
        self.phone = phone
        self.billingAddress = billingAddress
        self.serviceAddresses = serviceAddresses
    }
}

/// A postal address.
public struct Address: Hashable, Codable, Sendable, CustomStringConvertible {
    public var line1: String
    public var line2: String?
    public var city: String
    public var region: String
    public var postalCode: String

    public init(line1: String, line2: String? = nil, city: String, region: String, postalCode: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
    }

    /// One line: `12 Oak St, Apt 2, Springfield, IL 62701`.
    public var description: String {
        ([line1, line2].compactMap { $0 } + ["\(city)", "\(region) \(postalCode)"]).joined(separator: ", ")
    }
}

extension Customer {
    /// Every contact email of the customer, with their name: who a document or an invitation goes to.
    var mailboxes: [EmailMessage.Mailbox] {
        // Once each, even for a record stored before repeats were dropped.
        EmailAddress.normalizedList(emails).map { EmailMessage.Mailbox(address: $0, name: displayName) }
    }
}
