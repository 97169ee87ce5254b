import Foundation

/// A company that runs a portal. Every other record belongs to exactly one account.
public struct Account: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Account>

    /// The account's id, a random UUID string: every other record carries it, and every repository call that reads an
    /// account's records takes it.
    public var id: ID
    /// The company's name as staff entered it.
    public var name: String
    /// The unique, unguessable part of the portal link: `{publicBaseURL}/portal/{portalKey}`.
    public var portalKey: String
    /// An IANA time zone identifier (`America/Chicago`): the zone the account's calendar dates live in.
    public var timeZoneIdentifier: String
    /// An ISO 4217 currency code (`USD`).
    public var currencyCode: String
    /// What the company set on its settings page: lead notifications, invoice and proposal visibility (SPEC I1, I2,
    /// P2), payments, the lead form's origins, webhooks.
    public var settings: AccountSettings
    /// How the portal pages and emails present the company: name, logo, contact details, accent colour.
    public var branding: Branding
    /// The emails this account has reworded; the others use the bundled wording.
    public var emailTemplates: [EmailTemplate]
    /// When the account was created (`portal account create`, the demo); an import keeps the original instant.
    public var createdAt: Date

    /// Memberwise. Takes the values as given: the settings page and ``CompanySetup`` check the time zone, currency code
    /// and portal key before they get here. A new account gets a random id, the New York time zone and US dollars
    /// unless told otherwise.
    public init(
        id: ID = .random(), name: String, portalKey: String, timeZoneIdentifier: String = "America/New_York",
        currencyCode: String = "USD", settings: AccountSettings = AccountSettings(), branding: Branding,
        emailTemplates: [EmailTemplate] = [], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.portalKey = portalKey
        self.timeZoneIdentifier = timeZoneIdentifier
        self.currencyCode = currencyCode
        self.settings = settings
        self.branding = branding
        self.emailTemplates = emailTemplates
        self.createdAt = createdAt
    }

    /// The account's own template for `kind`, if it has one.
    public func emailTemplate(_ kind: EmailTemplate.Kind) -> EmailTemplate? {
        emailTemplates.first { $0.kind == kind }
    }

    /// The account's time zone; an identifier the system does not know falls back to UTC.
    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier) ?? .gmt
    }

    /// The calendar date it is in the account's time zone at `instant`.
    public func today(at instant: Date) -> CalendarDate {
        CalendarDate.today(at: instant, in: timeZone)
    }

    /// The account's portal link (SPEC F1) under the server's public base URL.
    public func portalURL(publicBaseURL: String) -> String {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/portal/\(portalKey)"
    }
}

extension Account {
    private enum CodingKeys: String, CodingKey {
        case id, name, portalKey, timeZoneIdentifier, currencyCode, settings, branding, emailTemplates, createdAt
    }

    /// Reads an account; one stored before accounts had email templates has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(ID.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            portalKey: try container.decode(String.self, forKey: .portalKey),
            timeZoneIdentifier: try container.decode(String.self, forKey: .timeZoneIdentifier),
            currencyCode: try container.decode(String.self, forKey: .currencyCode),
            settings: try container.decode(AccountSettings.self, forKey: .settings),
            branding: try container.decode(Branding.self, forKey: .branding),
            emailTemplates: try container.decodeIfPresent([EmailTemplate].self, forKey: .emailTemplates) ?? [],
            createdAt: try container.decode(Date.self, forKey: .createdAt))
    }
}
