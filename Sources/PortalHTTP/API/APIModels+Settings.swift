import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Settings`: the account's settings.
struct APISettings: Codable, Sendable {
    /// Who is emailed when a lead arrives (SPEC F6); empty for nobody.
    let leadNotificationEmails: [String]
    /// When an invoice appears in the customer portal (SPEC I1).
    let openInvoiceWhen: OpenInvoiceRule
    /// How many days after its invoice date a paid invoice stays in the portal (SPEC I2).
    let paidInvoiceRetentionDays: Int
    /// How many days after sending a proposal expires (SPEC P2).
    let proposalExpiryDays: Int
    /// Whether clients may pay less than the balance in the portal.
    let allowsPartialPayments: Bool
    /// The service fee added to card payments in the portal, in basis points of the amount paid (250 is 2.5 %); 0 for
    /// none.
    let serviceFeeBasisPoints: Int
    /// The web origins (`https://example.com`) allowed to embed the lead form.
    let leadFormAllowedOrigins: [String]
    /// The account's IANA time zone, such as `America/Chicago`; calendar dates are days in it.
    let timeZone: String
    /// The account's ISO 4217 currency code; every amount is an integer count of its minor unit (SPEC M1).
    let currency: String
    /// The address of the account's customer portal (SPEC F1).
    let portalUrl: String
    /// How many hours before a visit's start clients can no longer change it (SPEC V2), 0 to 336.
    let changeCutoffHours: Int
    /// The longest pause a client may ask for, in days (SPEC V3), 1 to 366.
    let maxPauseDays: Int
    /// How many days the portal shows completed visits (SPEC V1), 0 to 3650.
    let pastVisitRetentionDays: Int
    /// The hour of the day before a visit, on the account's clocks, when its reminder is emailed (SPEC V5), 0 to 23.
    let reminderHour: Int
    /// The hour of the day, on the account's clocks, from which autopay charges the invoices due that day (SPEC F12), 0 to 23.
    let autopayHour: Int
    /// The deposit a new proposal asks for unless the request says otherwise (SPEC F13); absent for none.
    let defaultDeposit: APIDeposit?
    /// Whether the pay page offers a tip for the crew (SPEC F14).
    let allowsTips: Bool
    /// Whether proposal and invoice emails carry the document's PDF (SPEC F16).
    let attachesPDFs: Bool

    /// The API's view of `account`'s settings, with its portal link `portalURL`.
    init(_ account: Account, portalURL: String) {
        let settings = account.settings
        (leadNotificationEmails, openInvoiceWhen) = (settings.leadNotificationEmails, settings.openInvoiceWhen)
        (paidInvoiceRetentionDays, proposalExpiryDays) = (settings.paidInvoiceRetentionDays, settings.proposalExpiryDays)
        (allowsPartialPayments, serviceFeeBasisPoints) = (settings.allowsPartialPayments, settings.serviceFeeBasisPoints)
        (leadFormAllowedOrigins, timeZone, currency) = (settings.leadFormAllowedOrigins, account.timeZoneIdentifier, account.currencyCode)
        portalUrl = portalURL
        let visits = settings.visits
        (changeCutoffHours, maxPauseDays) = (visits.changeCutoffHours, visits.maxPauseDays)
        (pastVisitRetentionDays, reminderHour) = (visits.pastVisitRetentionDays, visits.reminderHour)
        (autopayHour, defaultDeposit) = (settings.autopayHour, settings.defaultDeposit.map(APIDeposit.init))
        (allowsTips, attachesPDFs) = (settings.allowsTips, settings.attachesPDFs)
    }
}

/// A JSON Merge Patch of the settings (#20): `null` empties a list; a setting with one value cannot be `null`.
struct APISettingsChange: Decodable, Sendable {
    /// Who is emailed when a lead arrives, up to 20 addresses; `[]` or `null` for nobody; `.absent` keeps them.
    let leadNotificationEmails: PatchField<[String]>
    /// An ``OpenInvoiceRule`` raw value; `.absent` keeps it, `null` is refused (422).
    let openInvoiceWhen: PatchField<String>
    /// 1 to 3650 days; `.absent` keeps it, `null` is refused (422).
    let paidInvoiceRetentionDays: PatchField<Int>
    /// 1 to 365 days; `.absent` keeps it, `null` is refused (422).
    let proposalExpiryDays: PatchField<Int>
    /// Whether clients may pay less than the balance; `.absent` keeps it, `null` is refused (422).
    let allowsPartialPayments: PatchField<Bool>
    /// The card service fee in basis points of the amount paid, 0 to 1000 (10 %); `.absent` keeps it, `null` is 422.
    let serviceFeeBasisPoints: PatchField<Int>
    /// Origins that may embed the lead form (scheme, host, optional port); `[]` or `null`: none; `.absent` keeps them.
    let leadFormAllowedOrigins: PatchField<[String]>
    /// An IANA time zone name (an unknown one is 422); `.absent` keeps it, `null` is refused (422).
    let timeZone: PatchField<String>
    /// An ISO 4217 currency code, any case; `.absent` keeps it, `null` is refused (422).
    let currency: PatchField<String>
    /// 0 to 336 hours; `.absent` keeps it, `null` is refused (422).
    let changeCutoffHours: PatchField<Int>
    /// 1 to 366 days; `.absent` keeps it, `null` is refused (422).
    let maxPauseDays: PatchField<Int>
    /// 0 to 3650 days; `.absent` keeps it, `null` is refused (422).
    let pastVisitRetentionDays: PatchField<Int>
    /// 0 to 23; `.absent` keeps it, `null` is refused (422).
    let reminderHour: PatchField<Int>
    /// 0 to 23; `.absent` keeps it, `null` is refused (422).
    let autopayHour: PatchField<Int>
    /// The default deposit of new proposals; `null` for none, `.absent` keeps it.
    let defaultDeposit: PatchField<APIDeposit>
    /// Whether the pay page offers a tip; `.absent` keeps it, `null` is refused (422).
    let allowsTips: PatchField<Bool>
    /// Whether proposal and invoice emails carry the PDF; `.absent` keeps it, `null` is refused (422).
    let attachesPDFs: PatchField<Bool>

    /// `form` with the change's values; a 422 for a `null` setting that has one value.
    func applied(to form: SettingsForm) throws -> SettingsForm {
        var form = form
        let why = "the setting always has a value"
        if let emails = leadNotificationEmails.change { form.leadNotificationEmails = (emails ?? []).joined(separator: ", ") }
        if let rule = try openInvoiceWhen.required("openInvoiceWhen", why) { form.openInvoiceWhen = rule }
        if let days = try paidInvoiceRetentionDays.required("paidInvoiceRetentionDays", why) { form.paidInvoiceRetentionDays = "\(days)" }
        if let days = try proposalExpiryDays.required("proposalExpiryDays", why) { form.proposalExpiryDays = "\(days)" }
        if let partial = try allowsPartialPayments.required("allowsPartialPayments", why) { form.allowsPartialPayments = partial }
        if let fee = try serviceFeeBasisPoints.required("serviceFeeBasisPoints", why) { form.serviceFeePercent = "\(Decimal(fee) / 100)" }
        if let origins = leadFormAllowedOrigins.change { form.leadFormAllowedOrigins = (origins ?? []).joined(separator: "\n") }
        if let zone = try timeZone.required("timeZone", why) { form.timeZone = zone }
        if let code = try currency.required("currency", why) { form.currency = code }
        if let hours = try changeCutoffHours.required("changeCutoffHours", why) { form.changeCutoffHours = "\(hours)" }
        if let days = try maxPauseDays.required("maxPauseDays", why) { form.maxPauseDays = "\(days)" }
        if let days = try pastVisitRetentionDays.required("pastVisitRetentionDays", why) { form.pastVisitRetentionDays = "\(days)" }
        if let hour = try reminderHour.required("reminderHour", why) { form.reminderHour = "\(hour)" }
        if let hour = try autopayHour.required("autopayHour", why) { form.autopayHour = "\(hour)" }
        if let tips = try allowsTips.required("allowsTips", why) { form.allowsTips = tips }
        if let pdfs = try attachesPDFs.required("attachesPDFs", why) { form.attachesPDFs = pdfs }
        if defaultDeposit.change != nil {
            // The form reads an amount in the currency it saves.
            let terms = try defaultDeposit.deposit(field: "defaultDeposit", fallback: nil)
            form.defaultDeposit = terms?.entryText(in: Currency(storedCode: form.currency.uppercased())) ?? ""
        }
        return form
    }
}
