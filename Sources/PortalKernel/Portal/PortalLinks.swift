/// Every link the portal emails or shows, under the server's public base URL.
///
/// One place builds them, so an email, a page and the request-log redaction agree on the paths (SPEC Interfaces).
public struct PortalLinks: Sendable, Hashable {
    /// `https://portal.example.com`, without a trailing slash.
    public let base: String

    /// `publicBaseURL` (`https://portal.example.com`) without its trailing slashes.
    public init(publicBaseURL: String) {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// Whether links are https (so cookies are marked `Secure`).
    public var isSecure: Bool { base.lowercased().hasPrefix("https://") }

    /// The account's portal link (SPEC F1).
    public func portal(_ account: Account) -> String { account.portalURL(publicBaseURL: base) }

    /// A login link: `GET` shows a button, only its `POST` logs in (SPEC F3).
    public func login(_ account: Account, token: SecretToken) -> String { "\(portal(account))/auth/\(token.value)" }

    /// An emailed proposal link (SPEC F8).
    public func proposal(token: SecretToken) -> String { "\(base)/p/\(token.value)" }

    /// A payment's receipt in the portal.
    public func receipt(_ account: Account, payment: Payment.ID) -> String {
        "\(portal(account))/receipts/\(payment.rawValue)"
    }

    /// The client's payment methods page in the portal, where autopay goes on and off (SPEC F11, F12).
    public func paymentMethods(_ account: Account) -> String { "\(portal(account))/payment-methods" }

    /// An invoice's page in the portal (the refund email's link, SPEC F15).
    public func invoice(_ account: Account, invoice: Invoice.ID) -> String { "\(portal(account))/invoices/\(invoice.rawValue)" }

    /// The client's statement in the portal (the "Pay all" receipt's link, SPEC F15).
    public func statement(_ account: Account) -> String { "\(portal(account))/statement" }

    /// A visit's page in the portal (the reminder's and the change email's link, SPEC V5).
    public func visit(_ account: Account, _ visit: Visit.ID) -> String { "\(portal(account))/visits/\(visit.rawValue)" }

    /// A lead in the back office (the "View lead" link of the notification email, SPEC F6).
    public func backOfficeLead(_ lead: Lead.ID) -> String { "\(base)/admin/leads/\(lead.rawValue)" }

    /// An attached file, for staff (SPEC F17): served only to a signed-in staff user of its account.
    public func backOfficeFile(_ file: AttachedFile.ID) -> String { "\(base)/admin/files/\(file.rawValue)" }

    /// A customer's calendar feed (SPEC V4), with the secret only this moment knows.
    public func calendarFeed(token: SecretToken) -> String { "\(base)/calendar/\(token.value).ics" }

    /// A customer's page in the back office (their visits, documents and timeline).
    public func backOfficeCustomer(_ customer: Customer.ID) -> String { "\(base)/admin/customers/\(customer.rawValue)" }

    /// The back office's sign-in page (the failed sign-ins email, #17).
    public var backOfficeLogin: String { "\(base)/admin/login" }
}
