import Foundation

/// The account settings page as typed (issue #5: account settings), checked field by field before anything is
/// saved. The company name and the lead-notification addresses are held to ``EmailLimits`` (SPEC M4).
public struct SettingsForm: Hashable, Sendable {
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case leadNotificationEmails, openInvoiceWhen, paidInvoiceRetentionDays, proposalExpiryDays, serviceFeePercent
        case leadFormAllowedOrigins, displayName, logoURL, brandEmail, accentColor, timeZone, currency, webhookURLs
        case changeCutoffHours, maxPauseDays, pastVisitRetentionDays, reminderHour, autopayHour, defaultDeposit
    }

    /// The addresses told about new leads (SPEC F6), separated by commas, semicolons or new lines; at most
    /// ``EmailLimits/leadNotificationRecipients``.
    public var leadNotificationEmails: String
    /// When an invoice opens (SPEC I1): an ``OpenInvoiceRule`` raw value (`generated`, `invoiceDate`, `sent`,
    /// `invoiceDateOrSent`).
    public var openInvoiceWhen: String
    /// How many days after its invoice date a paid invoice stays in the portal (SPEC I2): a whole number, 1–3650.
    public var paidInvoiceRetentionDays: String
    /// How many days after sending a proposal expires (SPEC P2): a whole number, 1–365.
    public var proposalExpiryDays: String
    /// Whether clients may pay less than the balance.
    public var allowsPartialPayments: Bool
    /// The service fee on portal card payments, in percent (`2.5`, an optional `%`): 0–10, at most two decimals;
    /// saved in basis points.
    public var serviceFeePercent: String
    /// One origin per line (`https://example-landscaping.com`).
    public var leadFormAllowedOrigins: String
    /// The company name clients see: required, at most ``EmailLimits/accountNameCharacters`` characters; also
    /// becomes the account's name.
    public var displayName: String
    /// An `https://` address of the logo image; empty for none.
    public var logoURL: String
    /// The company's phone for the page footer, as typed; empty for none.
    public var brandPhone: String
    /// The company's contact email for the page footer; empty for none.
    public var brandEmail: String
    /// The company's postal address, as typed; empty for none.
    public var brandAddress: String
    /// A CSS hex colour (`#2f7d32`); a new one must pass WCAG AA contrast (issue #18).
    public var accentColor: String
    /// An IANA time zone identifier (`America/Chicago`).
    public var timeZone: String
    /// An ISO 4217 currency code (`USD`), upper-cased when saved.
    public var currency: String
    /// One URL per line.
    public var webhookURLs: String
    /// ``VisitSettings/changeCutoffHours`` as typed: a whole number, 0–336 (SPEC V2).
    public var changeCutoffHours: String
    /// ``VisitSettings/maxPauseDays`` as typed: a whole number, 1–366 (SPEC V3).
    public var maxPauseDays: String
    /// ``VisitSettings/pastVisitRetentionDays`` as typed: a whole number, 0–3650 (SPEC V1).
    public var pastVisitRetentionDays: String
    /// ``VisitSettings/reminderHour`` as typed: a whole number, 0–23 (SPEC V5).
    public var reminderHour: String
    /// ``AccountSettings/autopayHour`` as typed: a whole number, 0–23 (SPEC F12).
    public var autopayHour: String
    /// ``AccountSettings/defaultDeposit`` as typed (``Deposit/read(_:in:)``): `30 %`, an amount in the account's
    /// currency such as `250.00`, or empty for none (SPEC F13).
    public var defaultDeposit: String
    /// ``AccountSettings/allowsTips``: whether the pay page offers a tip for the crew (SPEC F14).
    public var allowsTips: Bool
    /// ``AccountSettings/attachesPDFs``: whether proposal and invoice emails carry the PDF (SPEC F16).
    public var attachesPDFs: Bool

    /// Memberwise, as typed; ``applied(to:)`` checks every field. The visit settings default to SPEC's defaults.
    public init(
        leadNotificationEmails: String, openInvoiceWhen: String, paidInvoiceRetentionDays: String, proposalExpiryDays: String,
        allowsPartialPayments: Bool, serviceFeePercent: String, leadFormAllowedOrigins: String, displayName: String,
        logoURL: String, brandPhone: String, brandEmail: String, brandAddress: String, accentColor: String, timeZone: String,
        currency: String, webhookURLs: String = "", visits: VisitSettings = VisitSettings(), autopayHour: Int = 9,
        defaultDeposit: String = "", allowsTips: Bool = false, attachesPDFs: Bool = false
    ) {
        self.leadNotificationEmails = leadNotificationEmails
        self.openInvoiceWhen = openInvoiceWhen
        self.paidInvoiceRetentionDays = paidInvoiceRetentionDays
        self.proposalExpiryDays = proposalExpiryDays
        self.allowsPartialPayments = allowsPartialPayments
        self.serviceFeePercent = serviceFeePercent
        self.leadFormAllowedOrigins = leadFormAllowedOrigins
        self.displayName = displayName
        self.logoURL = logoURL
        self.brandPhone = brandPhone
        self.brandEmail = brandEmail
        self.brandAddress = brandAddress
        self.accentColor = accentColor
        self.timeZone = timeZone
        self.currency = currency
        self.webhookURLs = webhookURLs
        changeCutoffHours = "\(visits.changeCutoffHours)"
        maxPauseDays = "\(visits.maxPauseDays)"
        pastVisitRetentionDays = "\(visits.pastVisitRetentionDays)"
        reminderHour = "\(visits.reminderHour)"
        self.autopayHour = "\(autopayHour)"
        self.defaultDeposit = defaultDeposit
        self.allowsTips = allowsTips
        self.attachesPDFs = attachesPDFs
    }

    /// The form showing `account` as it is.
    public init(_ account: Account) {
        let settings = account.settings
        let branding = account.branding
        let fee = Decimal(settings.serviceFeeBasisPoints) / 100
        self.init(
            leadNotificationEmails: settings.leadNotificationEmails.joined(separator: ", "),
            openInvoiceWhen: settings.openInvoiceWhen.rawValue, paidInvoiceRetentionDays: "\(settings.paidInvoiceRetentionDays)",
            proposalExpiryDays: "\(settings.proposalExpiryDays)", allowsPartialPayments: settings.allowsPartialPayments,
            serviceFeePercent: "\(fee)", leadFormAllowedOrigins: settings.leadFormAllowedOrigins.joined(separator: "\n"),
            displayName: branding.displayName, logoURL: branding.logoURL ?? "", brandPhone: branding.phone ?? "",
            brandEmail: branding.email ?? "", brandAddress: branding.address ?? "", accentColor: branding.accentColor,
            timeZone: account.timeZoneIdentifier, currency: account.currencyCode,
            webhookURLs: settings.webhookURLs.joined(separator: "\n"), visits: settings.visits, autopayHour: settings.autopayHour,
            defaultDeposit: settings.defaultDeposit?.entryText(in: Currency(storedCode: account.currencyCode)) ?? "",
            allowsTips: settings.allowsTips, attachesPDFs: settings.attachesPDFs)
    }

    /// `account` with the form's values.
    /// - Throws: `UseCaseError.invalid(fields:)` keyed by ``Field``, with every problem of the form.
    public func applied(to account: Account) throws(UseCaseError) -> Account {
        var problems: [Field: String] = [:]
        var updated = account
        let emails = EmailAddress.normalizedList(
            leadNotificationEmails.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map(String.init))
        if let bad = emails.first(where: { !EmailAddress.isValid($0) }) {
            problems[.leadNotificationEmails] = "\"\(bad)\" is not an email address. Separate addresses with commas."
        }
        updated.settings.leadNotificationEmails = emails
        if updated.settings.leadNotificationEmails.count > EmailLimits.leadNotificationRecipients {
            problems[.leadNotificationEmails] =
                "Enter up to \(EmailLimits.leadNotificationRecipients) addresses (there are \(updated.settings.leadNotificationEmails.count)); a shared mailbox can reach more people."
        }
        if let rule = OpenInvoiceRule(rawValue: openInvoiceWhen) {
            updated.settings.openInvoiceWhen = rule
        } else {
            problems[.openInvoiceWhen] = "Choose when an invoice opens."
        }
        if let days = Int(paidInvoiceRetentionDays.trimmed), (1...3_650).contains(days) {
            updated.settings.paidInvoiceRetentionDays = days
        } else {
            problems[.paidInvoiceRetentionDays] = "Enter a number of days from 1 to 3650."
        }
        if let days = Int(proposalExpiryDays.trimmed), (1...365).contains(days) {
            updated.settings.proposalExpiryDays = days
        } else {
            problems[.proposalExpiryDays] = "Enter a number of days from 1 to 365."
        }
        updated.settings.allowsPartialPayments = allowsPartialPayments
        updated.settings.allowsTips = allowsTips
        updated.settings.attachesPDFs = attachesPDFs
        if let fee = Self.basisPoints(serviceFeePercent), (0...1_000).contains(fee) {
            updated.settings.serviceFeeBasisPoints = fee
        } else {
            problems[.serviceFeePercent] = "Enter a percentage from 0 to 10, such as 2.5."
        }
        let origins = leadFormAllowedOrigins.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init)
        if let bad = origins.first(where: { !Self.isOrigin($0) }) {
            problems[.leadFormAllowedOrigins] = "\"\(bad)\" is not a site address such as https://example.com (no path)."
        }
        updated.settings.leadFormAllowedOrigins = origins
        if displayName.trimmed.isEmpty { problems[.displayName] = "Enter the name clients see." }
        // A name stored before the rule stays until it is changed: every other setting can still be saved.
        if displayName.trimmed != account.branding.displayName, let problem = SingleLineText.problem(displayName.trimmed, naming: "The name clients see") {
            problems[.displayName] = problem
        }
        if displayName.trimmed.unicodeScalars.count > EmailLimits.accountNameCharacters {
            problems[.displayName] =
                "Keep the name to \(EmailLimits.accountNameCharacters) characters (this one has \(displayName.trimmed.unicodeScalars.count)): it goes in email subjects."
        }
        updated.name = displayName.trimmed.isEmpty ? account.name : displayName.trimmed
        updated.branding.displayName = displayName.trimmed
        if !logoURL.trimmed.isEmpty && !(logoURL.trimmed.hasPrefix("https://") && URL(string: logoURL.trimmed) != nil) {
            problems[.logoURL] = "Enter an https:// address of the logo image, or leave it empty."
        }
        updated.branding.logoURL = logoURL.trimmed.nilIfEmpty
        updated.branding.phone = brandPhone.trimmed.nilIfEmpty
        if !brandEmail.trimmed.isEmpty && !EmailAddress.isValid(EmailAddress.normalized(brandEmail)) {
            problems[.brandEmail] = "Enter an email address, or leave it empty."
        }
        updated.branding.email = brandEmail.trimmed.nilIfEmpty.map(EmailAddress.normalized)
        updated.branding.address = brandAddress.trimmed.nilIfEmpty
        let colour = accentColor.trimmed
        if let parsed = RGBColour(hex: colour) {
            // A new colour is held to WCAG AA (issue #18); one saved before is kept, and drawn as the nearest that passes.
            if colour != account.branding.accentColor, let problem = AccentContrast.problem(parsed) { problems[.accentColor] = problem }
        } else {
            problems[.accentColor] = "Enter a colour such as #2f7d32."
        }
        updated.branding.accentColor = colour
        if TimeZone(identifier: timeZone.trimmed) == nil {
            problems[.timeZone] = "Enter a time zone such as America/Chicago."
        }
        updated.timeZoneIdentifier = timeZone.trimmed
        let code = currency.trimmed.uppercased()
        if Currency(code: code) == nil { problems[.currency] = "Enter a currency code such as USD." }
        updated.currencyCode = code
        let hooks = webhookURLs.split(whereSeparator: { $0.isNewline || $0 == " " || $0 == "," }).map(String.init)
        if let bad = hooks.first(where: { !Self.isWebhookURL($0) }) {
            problems[.webhookURLs] = "\"\(bad)\" is not an http:// or https:// address."
        }
        updated.settings.webhookURLs = hooks
        if !hooks.isEmpty && updated.settings.webhookSecret == nil {
            updated.settings.webhookSecret = WebhookSecret.generate()
        }
        let visits: [(Field, String, WritableKeyPath<VisitSettings, Int>)] = [
            (.changeCutoffHours, changeCutoffHours, \.changeCutoffHours), (.maxPauseDays, maxPauseDays, \.maxPauseDays),
            (.pastVisitRetentionDays, pastVisitRetentionDays, \.pastVisitRetentionDays), (.reminderHour, reminderHour, \.reminderHour),
        ]
        for (field, typed, setting) in visits {
            guard let value = Int(typed.trimmed) else {
                problems[field] = VisitSettings.words[field.rawValue]
                continue
            }
            updated.settings.visits[keyPath: setting] = value
        }
        for (name, problem) in updated.settings.visits.problems { if let field = Field(rawValue: name) { problems[field] = problem } }
        if let hour = Int(autopayHour.trimmed), (0...23).contains(hour) {
            updated.settings.autopayHour = hour
        } else {
            problems[.autopayHour] = "Enter an hour from 0 to 23."
        }
        do {
            // An amount is in the currency the form saves.
            updated.settings.defaultDeposit = try Deposit.read(defaultDeposit, in: Currency(storedCode: updated.currencyCode))
        } catch {
            problems[.defaultDeposit] = error.description
        }
        guard problems.isEmpty else { throw UseCaseError.invalid(fields: problems) }
        return updated
    }

    /// `2.5` → 250; `nil` for anything but a plain number with at most two decimals.
    public static func basisPoints(_ percent: String) -> Int? {
        guard let value = TypedNumber.read(percent.trimmed.replacingOccurrences(of: "%", with: ""), fractionDigits: 2) else {
            return nil
        }
        var scaled = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// An absolute http(s) URL with a host.
    static func isWebhookURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host else {
            return false
        }
        return !host.isEmpty && url.user == nil
    }

    /// A web origin: scheme, host and optional port, nothing else.
    static func isOrigin(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host,
            !host.isEmpty
        else { return false }
        return url.path.isEmpty && url.query == nil && url.fragment == nil && url.user == nil
    }
}
