import Hummingbird
import PortalKernel

/// `/admin/settings` (admins only): the portal link, the lead-notification addresses, invoice and proposal rules,
/// payments, branding, time zone and currency.
struct SettingsController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the settings page and redirects, and reads the form with its CSRF check.
    let front: BrowserFront
    /// Saves the settings form over the account, with the audit event.
    let companySettings: CompanySettings

    struct Form: PortalForm {
        var csrf: String?
        var leadNotificationEmails: String?
        var openInvoiceWhen: String?
        var paidInvoiceRetentionDays: String?
        var proposalExpiryDays: String?
        var allowsPartialPayments: String?
        var serviceFeePercent: String?
        var leadFormAllowedOrigins: String?
        var displayName: String?
        var logoURL: String?
        var brandPhone: String?
        var brandEmail: String?
        var brandAddress: String?
        var accentColor: String?
        var timeZone: String?
        var currency: String?
        var webhookURLs: String?
        var changeCutoffHours: String?
        var maxPauseDays: String?
        var pastVisitRetentionDays: String?
        var reminderHour: String?
        var autopayHour: String?
        var defaultDeposit: String?
        var allowsTips: String?
        var attachesPDFs: String?

        /// The form as typed over `account`'s settings.
        func value(over account: Account) -> SettingsForm {
            var form = SettingsForm(
                leadNotificationEmails: leadNotificationEmails ?? "", openInvoiceWhen: openInvoiceWhen ?? "",
                paidInvoiceRetentionDays: paidInvoiceRetentionDays ?? "", proposalExpiryDays: proposalExpiryDays ?? "",
                allowsPartialPayments: allowsPartialPayments == "yes", serviceFeePercent: serviceFeePercent ?? "",
                leadFormAllowedOrigins: leadFormAllowedOrigins ?? "", displayName: displayName ?? "", logoURL: logoURL ?? "",
                brandPhone: brandPhone ?? "", brandEmail: brandEmail ?? "", brandAddress: brandAddress ?? "",
                accentColor: accentColor ?? "", timeZone: timeZone ?? "", currency: currency ?? "", webhookURLs: webhookURLs ?? "")
            // A form from before the visit settings existed (a tab left open over an upgrade) keeps them as saved.
            let saved = SettingsForm(account)
            form.changeCutoffHours = changeCutoffHours ?? saved.changeCutoffHours
            form.maxPauseDays = maxPauseDays ?? saved.maxPauseDays
            form.pastVisitRetentionDays = pastVisitRetentionDays ?? saved.pastVisitRetentionDays
            form.reminderHour = reminderHour ?? saved.reminderHour
            form.autopayHour = autopayHour ?? saved.autopayHour
            form.defaultDeposit = defaultDeposit ?? saved.defaultDeposit
            form.allowsTips = allowsTips == "yes"
            form.attachesPDFs = attachesPDFs == "yes"
            return form
        }
    }

    struct Page {
        struct Choice {
            let value: String
            let label: String
            let selected: Bool
        }
        let chrome: AdminChrome
        let portalURL: String
        let webhookSecret: String?
        /// The secret as a Standard Webhooks library reads it, when it was made before and is written otherwise.
        let webhookLibrarySecret: String?
        let form: SettingsForm
        let openChoices: [Choice]
        /// Each field's problem, beside it and in the summary (issue #18).
        let errors: FormErrors
        let notice: String?
        /// Whether PDFs carry a logo (SPEC F16).
        let hasLogo: Bool
    }

    /// The logo form: upload the file it carries, or remove the logo.
    struct LogoForm: PortalForm {
        var csrf: String?
        /// `remove` to remove the logo; anything else uploads.
        var intent: String?
    }

    /// What each change says once done.
    static let notices = ["saved": "Settings updated.", "logo": "The logo is saved: it heads every PDF.", "logoRemoved": "The logo is removed."]

    static let openInvoiceLabels: [(OpenInvoiceRule, String)] = [
        (.generated, "as soon as it is created"), (.invoiceDate, "from its invoice date"), (.sent, "once it is sent"),
        (.invoiceDateOrSent, "from its invoice date, or once sent"),
    ]

    func register(on admin: RouteCollection<Context>) {
        admin.get("settings") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            return page(visit, staff: staff, form: SettingsForm(staff.account), errors: FormErrors(),
                        notice: request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] })
        }
        admin.post("settings/logo", use: logo)
        admin.post("settings") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let form = try await visit.form(Form.self, context: context).value(over: staff.account)
            do {
                _ = try await companySettings.update(form, of: staff.account, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/settings?done=saved")
            } catch let refusal as UseCaseError {
                return page(
                    visit, staff: staff, form: form,
                    errors: FormErrors(refusal, fields: SettingsForm.Field.self, heading: "Nothing was saved: please correct these fields"),
                    status: refusal.status)
            }
        }
    }

    /// `POST /admin/settings/logo` (multipart): keeps the PNG as the logo of the account's PDFs, or removes it (SPEC F16).
    @Sendable func logo(_ request: Request, context: Context) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        let (form, files) = try await visit.formWithFiles(LogoForm.self, context: context, fileLimit: Self.maxLogoBytes, maxFiles: 1)
        let removing = form.intent == "remove"
        let bytes = files.first { $0.field == "logo" && !$0.bytes.isEmpty }?.bytes
        guard removing || bytes != nil else {
            return page(visit, staff: staff, form: SettingsForm(staff.account), errors: FormErrors("Choose a PNG image for the logo.", field: "logo"),
                        status: .unprocessableContent)
        }
        do {
            _ = try await companySettings.setLogo(removing ? nil : bytes, of: staff.account.id, by: .staff(staff.user.id))
            return visit.redirect(to: "/admin/settings?done=\(removing ? "logoRemoved" : "logo")")
        } catch let refusal as UseCaseError {
            return page(visit, staff: staff, form: SettingsForm(staff.account), errors: FormErrors(refusal.message, field: "logo"), status: refusal.status)
        }
    }

    /// The largest logo file taken: 2 MB.
    static let maxLogoBytes = 2 * 1_048_576

    func page(
        _ visit: AdminVisit, staff: StaffSessions.Staff, form: SettingsForm, errors: FormErrors, notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        visit.page(
            "admin-settings",
            Page(
                chrome: visit.chrome("Settings", section: "settings"), portalURL: front.links.portal(staff.account),
                webhookSecret: staff.account.settings.webhookSecret,
                webhookLibrarySecret: staff.account.settings.webhookSecret.map(WebhookSecret.libraryForm).flatMap {
                    $0 == staff.account.settings.webhookSecret ? nil : $0
                },
                form: form,
                openChoices: Self.openInvoiceLabels.map { .init(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == form.openInvoiceWhen) },
                errors: errors, notice: notice, hasLogo: staff.account.branding.logoFile != nil),
            status: status)
    }
}
