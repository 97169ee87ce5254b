import Foundation
import Hummingbird
import PortalKernel

/// `/admin/templates` (admins only): reword each email the portal sends, with its variables listed, a preview
/// with sample data, and a template that does not parse refused with the parser's message.
struct TemplatesController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the template pages and previews and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Saves an account's own template, or goes back to the bundled one.
    let companySettings: CompanySettings

    struct Form: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The subject's Mustache template.
        var subject: String?
        /// The plain-text body's Mustache template.
        var text: String?
        /// The HTML body's Mustache template.
        var html: String?
        /// `save` saves a template that parses; anything else (the preview button) only shows it again.
        var intent: String?
    }

    static let labels: [EmailTemplate.Kind: String] = [
        .loginLink: "Login link", .proposalSent: "Proposal sent", .invoiceSent: "Invoice sent", .paymentReceipt: "Payment receipt",
        .leadNotification: "Lead notification (to staff)", .leadConfirmation: "Request received (to the client)",
        .portalInvitation: "Portal invitation", .failedLogins: "Failed sign-ins (to staff)",
        .visitRequest: "Visit request (to staff)", .visitReminder: "Visit reminder (to the client)",
        .visitChanged: "Visit moved or cancelled (to the client)",
        .autopayFailed: "Autopay declined (to the client and to staff)",
        .statementReceipt: "“Pay all” receipt (to the client)", .paymentRefunded: "Refund (to the client)",
        .autopayChanged: "Autopay on or off (the client's copy)",
    ]

    func register(on admin: RouteCollection<Context>) {
        admin.get("templates") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let kinds = EmailTemplate.Kind.allCases.map { kind -> [String: String] in
                ["url": "/admin/templates/\(kind.rawValue)", "label": Self.labels[kind] ?? kind.rawValue,
                 "state": staff.account.emailTemplate(kind) == nil ? "bundled" : "customized"]
            }
            return visit.page("admin-templates", [
                "chrome": visit.chrome("Email templates", section: "templates"), "kinds": kinds,
                "portalVariable": "{{account.customer_portal_url}}",
            ])
        }
        admin.get("templates/:kind") { request, context in
            try await editing(request, context) { visit, staff, kind in
                let template = staff.account.emailTemplate(kind) ?? TemplateEmailComposer.bundled(kind)
                return try page(visit, staff: staff, template: template, notice: request.uri.queryParameters.get("done").map { _ in "Saved." })
            }
        }
        admin.post("templates/:kind") { request, context in
            try await editing(request, context) { visit, staff, kind in
                let form = try await visit.form(Form.self, context: context)
                let template = EmailTemplate(kind: kind, subject: form.subject ?? "", text: form.text ?? "", html: form.html ?? "")
                var errors = FormErrors()
                for problem in TemplateEmailComposer.problems(with: template) { errors.add(problem.message, field: problem.part) }
                if !errors.isEmpty {
                    return try page(visit, staff: staff, template: template, errors: errors, status: .unprocessableContent)
                }
                guard form.intent == "save" else { return try page(visit, staff: staff, template: template) }
                try await companySettings.save(template, of: staff.account.id, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/templates/\(kind.rawValue)?done=saved")
            }
        }
        admin.post("templates/:kind/reset") { request, context in
            try await editing(request, context) { visit, staff, kind in
                _ = try await visit.form(Form.self, context: context)
                try await companySettings.reset(kind, of: staff.account.id, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/templates/\(kind.rawValue)")
            }
        }
    }

    private func editing(
        _ request: Request, _ context: Context, _ body: (AdminVisit, StaffSessions.Staff, EmailTemplate.Kind) async throws -> Response
    ) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        guard let kind = EmailTemplate.Kind(rawValue: try context.parameters.require("kind")) else { return visit.notFound() }
        return try await body(visit, staff, kind)
    }

    private func page(
        _ visit: AdminVisit, staff: StaffSessions.Staff, template: EmailTemplate, notice: String? = nil, errors: FormErrors = FormErrors(),
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let composer = try TemplateEmailComposer(publicBaseURL: front.links.base)
        let sample = EmailSamples.email(template.kind, account: staff.account, links: front.links, now: front.clock.now)
        let preview = errors.isEmpty ? composer.preview(template, for: sample) : nil
        let label = Self.labels[template.kind] ?? template.kind.rawValue
        return visit.page(
            "admin-template",
            [
                "chrome": visit.chrome(label, section: "templates"), "label": label, "notice": notice as Any, "errors": errors,
                "template": ["subject": template.subject, "text": template.text, "html": template.html],
                "formURL": "/admin/templates/\(template.kind.rawValue)", "resetURL": "/admin/templates/\(template.kind.rawValue)/reset",
                "customized": staff.account.emailTemplate(template.kind) != nil,
                "variables": (["account.name", "account.customer_portal_url"] + (EmailSamples.variables[template.kind] ?? [])).map { "{{\($0)}}" },
                "objectExample": "{{object.account.customer_portal_url}}",
                "preview": preview.map { ["subject": $0.subject, "textBody": $0.textBody] } as Any,
            ],
            status: status)
    }
}
