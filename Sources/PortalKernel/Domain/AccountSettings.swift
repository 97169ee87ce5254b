/// The settings a company changes on its Account Settings page.
public struct AccountSettings: Hashable, Codable, Sendable {
    /// "Who should we email when a new lead comes from the Customer Portal?" (SPEC F6).
    public var leadNotificationEmails: [String]
    /// When an invoice counts as open and so appears in the portal (SPEC I1).
    public var openInvoiceWhen: OpenInvoiceRule
    /// How many days after its invoice date a paid invoice stays in the portal (SPEC I2).
    public var paidInvoiceRetentionDays: Int
    /// How many days after sending a proposal expires (SPEC P2).
    public var proposalExpiryDays: Int
    /// Whether clients may pay less than the balance.
    public var allowsPartialPayments: Bool
    /// A service fee added to portal card payments, in basis points (250 = 2.5 %); 0 for none.
    public var serviceFeeBasisPoints: Int
    /// Web origins allowed to embed the lead form (`https://example-landscaping.com`).
    public var leadFormAllowedOrigins: [String]
    /// Where webhook events are posted (Docs/Webhooks.md); empty for none.
    public var webhookURLs: [String]
    /// The secret webhooks are signed with (HMAC-SHA256), made when the first URL is added. A secret: shown only
    /// to admins, never logged.
    public var webhookSecret: String?
    /// The client's visits: the cut-off, pauses, how long past visits show, the reminder hour (SPEC V1–V5).
    public var visits: VisitSettings
    /// The hour of the day, on the account's clocks, from which autopay charges the invoices due that day (SPEC F12),
    /// 0 to 23.
    public var autopayHour: Int
    /// The deposit a new proposal asks for unless staff change it (SPEC F13); `nil` for none.
    public var defaultDeposit: Deposit?
    /// Whether the pay page offers a tip for the crew (SPEC F14).
    public var allowsTips: Bool
    /// Whether proposal and invoice emails carry the document's PDF (SPEC F16).
    public var attachesPDFs: Bool

    /// Memberwise, with the settings a new account starts with: nobody told of leads, invoices open as soon as they
    /// exist, paid invoices kept 365 days, proposals expiring after 30 days, no partial payments, no service fee, no
    /// embedding origins, no webhooks, no deposit, no tips, no PDFs attached to emails.
    public init(
        leadNotificationEmails: [String] = [], openInvoiceWhen: OpenInvoiceRule = .generated,
        paidInvoiceRetentionDays: Int = 365, proposalExpiryDays: Int = 30, allowsPartialPayments: Bool = false,
        serviceFeeBasisPoints: Int = 0, leadFormAllowedOrigins: [String] = [], webhookURLs: [String] = [],
        webhookSecret: String? = nil, visits: VisitSettings = VisitSettings(), autopayHour: Int = 9,
        defaultDeposit: Deposit? = nil, allowsTips: Bool = false, attachesPDFs: Bool = false
    ) {
        self.leadNotificationEmails = leadNotificationEmails
        self.openInvoiceWhen = openInvoiceWhen
        self.paidInvoiceRetentionDays = paidInvoiceRetentionDays
        self.proposalExpiryDays = proposalExpiryDays
        self.allowsPartialPayments = allowsPartialPayments
        self.serviceFeeBasisPoints = serviceFeeBasisPoints
        self.leadFormAllowedOrigins = leadFormAllowedOrigins
        self.webhookURLs = webhookURLs
        self.webhookSecret = webhookSecret
        self.visits = visits
        self.autopayHour = autopayHour
        self.defaultDeposit = defaultDeposit
        self.allowsTips = allowsTips
        self.attachesPDFs = attachesPDFs
    }
}

extension AccountSettings {
    private enum CodingKeys: String, CodingKey {
        case leadNotificationEmails, openInvoiceWhen, paidInvoiceRetentionDays, proposalExpiryDays, allowsPartialPayments
        case serviceFeeBasisPoints, leadFormAllowedOrigins, webhookURLs, webhookSecret, visits, autopayHour, defaultDeposit, allowsTips
        case attachesPDFs
    }

    /// Reads settings; those stored before webhooks existed have none, those stored before visits the default visit
    /// settings, those stored before autopay charge at 9:00, those stored before deposits ask for none, those stored before tips take none, and
    /// those stored before PDFs attach none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            leadNotificationEmails: try container.decode([String].self, forKey: .leadNotificationEmails),
            openInvoiceWhen: try container.decode(OpenInvoiceRule.self, forKey: .openInvoiceWhen),
            paidInvoiceRetentionDays: try container.decode(Int.self, forKey: .paidInvoiceRetentionDays),
            proposalExpiryDays: try container.decode(Int.self, forKey: .proposalExpiryDays),
            allowsPartialPayments: try container.decode(Bool.self, forKey: .allowsPartialPayments),
            serviceFeeBasisPoints: try container.decode(Int.self, forKey: .serviceFeeBasisPoints),
            leadFormAllowedOrigins: try container.decode([String].self, forKey: .leadFormAllowedOrigins),
            webhookURLs: try container.decodeIfPresent([String].self, forKey: .webhookURLs) ?? [],
            webhookSecret: try container.decodeIfPresent(String.self, forKey: .webhookSecret),
            visits: try container.decodeIfPresent(VisitSettings.self, forKey: .visits) ?? VisitSettings(),
            autopayHour: try container.decodeIfPresent(Int.self, forKey: .autopayHour) ?? 9,
            defaultDeposit: try container.decodeIfPresent(Deposit.self, forKey: .defaultDeposit),
            allowsTips: try container.decodeIfPresent(Bool.self, forKey: .allowsTips) ?? false,
            attachesPDFs: try container.decodeIfPresent(Bool.self, forKey: .attachesPDFs) ?? false)
    }
}

/// The account's "Open Invoice" setting: when an invoice starts to show in the portal (SPEC I1).
public enum OpenInvoiceRule: String, Hashable, Codable, Sendable, CaseIterable {
    /// As soon as the invoice exists (the default).
    case generated
    /// From its invoice date on.
    case invoiceDate
    /// Once it has been sent.
    case sent
    /// From its invoice date on, or once sent, whichever comes first.
    case invoiceDateOrSent
}

/// How the portal and emails present the company.
public struct Branding: Hashable, Codable, Sendable {
    /// The company name as clients see it: in the page header, the browser title, the footer and email texts (as
    /// `{{account.name}}`). At most ``EmailLimits/accountNameCharacters`` characters, as it goes into email subjects.
    public var displayName: String
    /// An `https://` address of the logo image shown in the page header beside the name; `nil` for none.
    public var logoURL: String?
    /// The company's phone number as typed, shown in the page footer (as a `tel:` link when it holds a digit); `nil`
    /// for none.
    public var phone: String?
    /// The company's contact email, normalised, shown in the page footer as a `mailto:` link; `nil` for none.
    public var email: String?
    /// The company's postal address as typed on the settings page; `nil` for none. No page or email shows it yet.
    public var address: String?
    /// A CSS hex colour (`#2f7d32`).
    public var accentColor: String
    /// The logo the PDFs draw (SPEC F16): a PNG of at most 320 pixels a side in the file store, uploaded on the
    /// settings page and cleaned as a photo is; `nil` for none.
    public var logoFile: FileAddress?

    /// Memberwise; the accent colour defaults to the portal's green, `#2f7d32`. The settings page checks each value (an
    /// https logo, the colour's contrast) before it gets here.
    public init(
        displayName: String, logoURL: String? = nil, phone: String? = nil, email: String? = nil,
        address: String? = nil, accentColor: String = "#2f7d32"
    ) {
        self.displayName = displayName
        self.logoURL = logoURL
        self.phone = phone
        self.email = email
        self.address = address
        self.accentColor = accentColor
    }
}
