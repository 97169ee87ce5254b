/// A client of the company.
///
/// One email may belong to several customers of the same account (a property manager): the portal lets that
/// person switch between them.
public struct Customer: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Customer>

    /// The customer's id, a random UUID string; the portal's URLs and the API name customers by it.
    public var id: ID
    /// The company whose customer this is.
    public var accountID: Account.ID
    /// The household's or business's name (`Cece Cunningham`, `Harbor View HOA`), trimmed, at most 200 characters: what
    /// the portal's customer switcher, the back office and the emails' greetings show, and the name in the `To` header.
    public var displayName: String
    /// Contact emails, lower-cased; any of them can log in to the portal.
    public var emails: [String]
    /// A phone number as staff typed it, shown in the back office; `nil` for none.
    public var phone: String?
    /// Where invoices are addressed; `nil` when not known.
    public var billingAddress: Address?
    /// The places the company works at for this customer; the first is a new job's address when a lead is converted,
    /// and a lead is matched to an existing customer by their streets. Empty when not known.
    public var serviceAddresses: [Address]

    /// Memberwise; the emails are normalised (trimmed, lower-cased, repeats dropped). Names and counts are checked by
    /// ``CustomerManagement/newCustomer(displayName:emails:phone:billingAddress:serviceAddresses:in:)``, not here.
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
    /// The street line (`12 Oak St`).
    public var line1: String
    /// A second line (`Apt 2`); `nil` for none.
    public var line2: String?
    /// The city or town.
    public var city: String
    /// The state, province or region, as written on an envelope (`IL`).
    public var region: String
    /// The ZIP or postal code, as text (`62701`, `SW1A 1AA`).
    public var postalCode: String

    /// Memberwise; the values are kept as given.
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
