import Mustache
import PortalKernel

/// Composes the portal's emails from Mustache templates: the account's own (Account settings → Email templates)
/// or the bundled ones, a subject, a text and an HTML body each. The variables each email offers are listed in
/// ``variables``; `{{account.customer_portal_url}}` is in all of them. A rendered subject is made one line of at most
/// 250 characters (``EmailLimits/subjectLine(_:)``, SPEC M4), whatever the variables hold.
public struct TemplateEmailComposer: PortalEmailComposer {
    private let links: PortalLinks

    /// - Throws: when a bundled template does not parse (a build defect; the tests catch it), so start-up stops
    ///   instead of emails going out as raw template text.
    public init(publicBaseURL: String) throws {
        for kind in EmailTemplate.Kind.allCases {
            if let problem = Self.problem(with: Self.bundled(kind)) { throw BundledTemplateBroken(kind: kind, problem: problem) }
        }
        links = PortalLinks(publicBaseURL: publicBaseURL)
    }

    /// A bundled template that does not parse.
    struct BundledTemplateBroken: Error {
        let kind: EmailTemplate.Kind
        let problem: String
    }

    public func compose(_ email: PortalEmail, to recipients: [EmailMessage.Mailbox]) throws -> EmailMessage {
        let variables = variables(of: email)
        let template = email.account.emailTemplate(email.templateKind) ?? Self.bundled(email.templateKind)
        return Self.message(template, kind: email.templateKind, variables, to: recipients)
    }

    /// The most a rendered body may weigh, in UTF-8 bytes: a template that renders more (a name repeated thousands of
    /// times) is replaced by the bundled wording of that part, which stays small (SPEC M2, M4).
    static let maximumBodyBytes = 1_000_000

    /// `template` rendered with `variables`: a one-line subject, and bodies within ``maximumBodyBytes``.
    private static func message(
        _ template: EmailTemplate, kind: EmailTemplate.Kind, _ variables: [String: Any], to recipients: [EmailMessage.Mailbox]
    ) -> EmailMessage {
        func body(_ source: String, bundled: @autoclosure () -> String, text: Bool) -> String {
            let rendered = render(source, variables, text: text)
            return rendered.utf8.count <= maximumBodyBytes ? rendered : render(bundled(), variables, text: text)
        }
        return EmailMessage(
            to: recipients, subject: EmailLimits.subjectLine(render(template.subject, variables, text: true)),
            textBody: body(template.text, bundled: bundled(kind).text, text: true),
            htmlBody: body(template.html, bundled: bundled(kind).html, text: false))
    }

    /// The bundled wording of `kind`, as the template editor starts from.
    public static func bundled(_ kind: EmailTemplate.Kind) -> EmailTemplate {
        let stem = stems[kind] ?? ""
        func file(_ part: String) -> String {
            String(decoding: PortalTemplates.emails["\(stem)-\(part)"] ?? [], as: UTF8.self)
                .replacingOccurrences(of: textPragma + "\n", with: "")
        }
        return EmailTemplate(kind: kind, subject: subjects[kind] ?? "", text: file("text"), html: file("html"))
    }

    /// Why `template` cannot be used: the Mustache parser's message for the first part that does not parse, or `nil`.
    public static func problem(with template: EmailTemplate) -> String? {
        problems(with: template).first?.message
    }

    /// What is wrong with each part of `template` (`subject`, `text`, `html`, in that order), so an editor can show
    /// every problem at once, each beside its part (issue #18).
    static func problems(with template: EmailTemplate) -> [(part: String, message: String)] {
        [("subject", "Subject", template.subject), ("text", "Text", template.text), ("html", "HTML", template.html)].compactMap {
            part, label, source in
            if let problem = TemplateLimits.problem(with: source) { return (part, "\(label) \(problem)") }
            do {
                _ = try MustacheTemplate(string: source)
                return nil
            } catch {
                return (part, "\(label) does not parse: \(error)")
            }
        }
    }

    /// What `email` would look like under `template` (the editor's preview).
    public func preview(_ template: EmailTemplate, for email: PortalEmail) -> EmailMessage {
        let variables = variables(of: email)
        return Self.message(template, kind: template.kind, variables, to: [])
    }

    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Renders `source` over `variables` (their optionals unwrapped: ``ReflectedView``); text parts are not HTML-escaped. A template beyond ``TemplateLimits`` or that does not parse
    /// renders as its source (only templates within the limits that parse are ever saved; a stored one written
    /// around them never reaches the parser).
    static func render(_ source: String, _ variables: [String: Any], text: Bool) -> String {
        guard TemplateLimits.problem(with: source) == nil,
            let template = try? MustacheTemplate(string: text ? textPragma + "\n" + source : source)
        else { return source }
        return template.render(ReflectedView.of(variables) ?? variables)
    }

    /// The bundled files of each kind: `{stem}-text` and `{stem}-html`.
    static let stems: [EmailTemplate.Kind: String] = [
        .loginLink: "login-link", .leadNotification: "lead-notification", .leadConfirmation: "lead-confirmation",
        .paymentReceipt: "payment-receipt", .proposalSent: "proposal-sent", .invoiceSent: "invoice-sent",
        .portalInvitation: "portal-invitation", .failedLogins: "failed-logins", .visitRequest: "visit-request",
        .visitReminder: "visit-reminder", .visitChanged: "visit-changed", .autopayFailed: "autopay-failed",
        .statementReceipt: "statement-receipt", .paymentRefunded: "payment-refunded", .autopayChanged: "autopay-changed",
    ]

    static let subjects: [EmailTemplate.Kind: String] = [
        .loginLink: "Your login link for {{account.name}}", .leadNotification: "New portal lead: {{lead.name}}",
        .leadConfirmation: "We received your request{{#lead.proven}}, {{lead.name}}{{/lead.proven}}", .paymentReceipt: "Receipt for invoice {{invoice.number}}",
        .proposalSent: "Proposal from {{account.name}}: {{proposal.title}}",
        .invoiceSent: "Invoice {{invoice.number}} from {{account.name}}",
        .portalInvitation: "Your client portal with {{account.name}}",
        .failedLogins: "{{attempts}} failed sign-ins to {{account.name}}'s back office",
        .visitRequest: "{{customer.name}} {{request.summary}}",
        .visitReminder: "Reminder: {{account.name}} visits you {{visit.date}}, {{visit.window}}",
        .visitChanged: "{{account.name}} {{change.summary}}",
        .autopayFailed: "{{#toStaff}}Autopay declined for {{customer.name}}: {{/toStaff}}{{^toStaff}}We could not charge your card for {{/toStaff}}invoice {{invoice.number}}",
        .statementReceipt: "Receipt for your statement payment to {{account.name}}",
        .paymentRefunded: "Refund of {{refund.total}} for invoice {{invoice.number}}",
        .autopayChanged: "Autopay is {{#autopay.on}}on{{/autopay.on}}{{^autopay.on}}off{{/autopay.on}} with {{account.name}}",
    ]

    /// The variables `email` offers its templates, each also under `object` (`{{object.account.customer_portal_url}}`,
    /// the form the original product's templates use).
    func variables(of email: PortalEmail) -> [String: Any] {
        let fields = fields(of: email)
        return fields.merging(["object": fields]) { first, _ in first }
    }

    private func fields(of email: PortalEmail) -> [String: Any] {
        switch email {
        case .loginLink(let account, let link, let minutes):
            return [
                "account": accountVariables(account), "link": link, "minutes": minutes,
            ]
        case .leadNotification(let account, let lead, let leadURL, let photoURLs):
            return [
                "account": accountVariables(account), "lead": leadVariables(lead, account: account), "leadURL": leadURL,
                "photos": photoURLs.enumerated().map { ["number": $0.offset + 1, "url": $0.element] },
            ]
        case .leadConfirmation(let account, let lead, let addressProven):
            // SPEC M5: to an address nobody has shown they own, none of the visitor's free text, whatever the
            // account's template says; `lead.proven` lets a template word the two cases.
            var variables = leadVariables(lead, account: account)
            if !addressProven {
                for typed in ["name", "phone", "serviceAddress", "description"] { variables[typed] = "" }
            }
            variables["proven"] = addressProven
            return ["account": accountVariables(account), "lead": variables]
        case .paymentReceipt(let account, let customer, let invoice, let payment, let receiptURL):
            let format = Formatting(account: account)
            let paymentVariables: [String: Any] = [
                "amount": format.money(payment.amount),
                "serviceFee": payment.serviceFee > .zero ? format.money(payment.serviceFee) : false,
                "tip": payment.tip.map(format.money) ?? false,
                "charged": format.money { try payment.charged }, "card": payment.card?.description ?? "card",
                "reference": payment.gatewayReference ?? payment.id.rawValue,
            ]
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": ["number": invoice.number, "balance": format.money { try invoice.balance }],
                "payment": paymentVariables, "receiptURL": receiptURL,
            ]
        case .proposalSent(let account, let customer, let proposal, let link):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "proposal": [
                    "title": proposal.title, "total": format.money { try proposal.totals().total },
                    "expiresOn": proposal.expiresOn.map(format.date) as Any,
                    // SPEC F13: what accepting asks to pay now, on the total of the required lines.
                    "deposit": proposal.deposit.flatMap { terms in
                        (try? proposal.totals().total).flatMap { total in try? DepositWords.due(terms, on: total, format: format) }
                    } as Any,
                ] as [String: Any],
                "link": link,
            ]
        case .invoiceSent(let account, let customer, let invoice):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": [
                    "number": invoice.number, "total": format.money { try invoice.total }, "balance": format.money { try invoice.balance },
                    "dueDate": invoice.dueDate.map(format.date) as Any,
                    // SPEC F13: a deposit invoice names the whole amount accepted, which the client may pay instead.
                    "deposit": invoice.deposit.map { format.money($0.wholeAmount) } as Any,
                ] as [String: Any],
            ]
        case .portalInvitation(let account, let customer):
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
            ]
        case .failedLogins(let account, let user, let attempts, let minutes, let address):
            return [
                "account": accountVariables(account), "user": ["name": user.name, "email": user.email],
                "attempts": attempts, "minutes": minutes, "address": address, "loginURL": links.backOfficeLogin,
            ]
        case .visitRequest(let account, let customer, let visit, let request, let customerURL):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "visit": [
                    "date": format.date(visit.date), "window": visit.window.map(format.window) ?? "any time that day",
                    "crew": visit.crew ?? "not assigned",
                ] as [String: Any],
                "request": requestVariables(request, format: format), "customerURL": customerURL,
            ]
        case .visitReminder(let account, let customer, let visit, let jobTitle, let visitURL):
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "visit": clientVisitVariables(visit, jobTitle: jobTitle, format: Formatting(account: account)), "visitURL": visitURL,
            ]
        case .autopayFailed(let account, let customer, let invoice, let reason, let toStaff, let link):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": ["number": invoice.number, "balance": format.money { try invoice.balance }],
                "reason": reason, "toStaff": toStaff, "link": link,
            ]
        case .visitChanged(let account, let customer, let visit, let change, let jobTitle, let visitURL):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "visit": clientVisitVariables(visit, jobTitle: jobTitle, format: format), "visitURL": visitURL,
                "change": changeVariables(change, visit: visit, format: format),
            ]
        case .statementReceipt(let account, let customer, let paid, let statementURL):
            let format = Formatting(account: account)
            let charged = paid.reduce(Money.zero) { sum, item in (try? sum.adding(item.payment.charged)) ?? sum }
            let fees = paid.reduce(Money.zero) { sum, item in (try? sum.adding(item.payment.serviceFee)) ?? sum }
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName], "count": paid.count,
                "invoices": paid.map { ["number": $0.invoice.number, "amount": format.money($0.payment.amount)] },
                "charged": format.money(charged), "serviceFee": fees > .zero ? format.money(fees) : false,
                "card": paid.first?.payment.card?.description ?? "card",
                "reference": paid.first?.payment.gatewayReference ?? "", "statementURL": statementURL,
            ]
        case .autopayChanged(let account, let customer, let autopay, let link):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "autopay": [
                    "on": autopay.enabled, "wording": autopay.wording, "agreedAt": format.instant(autopay.consentedAt),
                    "agreedBy": autopay.consentedBy, "offAt": autopay.disabledAt.map(format.instant) ?? false,
                ] as [String: Any],
                "link": link,
            ]
        case .paymentRefunded(let account, let customer, let invoice, let payment, let refund, let invoiceURL):
            let format = Formatting(account: account)
            return [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": ["number": invoice.number, "balance": format.money { try invoice.balance }],
                "payment": ["charged": format.money { try payment.charged }, "card": payment.card?.description ?? "card"],
                "refund": [
                    "total": format.money { try refund.total }, "amount": format.money(refund.amount),
                    "extras": Self.refundExtras(refund, format: format) ?? false,
                    "reference": refund.gatewayReference,
                ] as [String: Any],
                "invoiceURL": invoiceURL,
            ]
        }
    }

    /// What a refund gave back besides the invoice's part (`$3.00 of the service fee and $15.00 of the tip`); `nil` for
    /// nothing.
    private static func refundExtras(_ refund: Refund, format: Formatting) -> String? {
        let parts = [(refund.serviceFee, "the service fee"), (refund.tip, "the tip")].filter { $0.0 > .zero }
        return parts.isEmpty ? nil : parts.map { "\(format.money($0.0)) of \($0.1)" }.joined(separator: " and ")
    }

    /// A visit as its client's emails show it: `date`, `window`, `crew`, `work` (the job's title) and `note`.
    private func clientVisitVariables(_ visit: Visit, jobTitle: String, format: Formatting) -> [String: Any] {
        [
            "date": format.date(visit.date), "window": visit.window.map(format.window) ?? "any time that day",
            "crew": visit.crew ?? "our crew", "work": jobTitle, "note": visit.clientNote ?? "",
        ]
    }

    /// What staff did: a `summary` for the subject (`moved your visit to …`), the `details`, and `cancelled`.
    private func changeVariables(_ change: VisitChangeNotice, visit: Visit, format: Formatting) -> [String: Any] {
        let window = visit.window.map(format.window) ?? "any time that day"
        switch change {
        case .moved(let date, let before):
            return [
                "summary": "moved your visit to \(format.date(visit.date)), \(window)", "cancelled": false,
                "details": "It was planned for \(format.date(date)), \(before.map(format.window) ?? "any time that day").",
            ]
        case .kept:
            return [
                "summary": "kept your visit on \(format.date(visit.date)), \(window)", "cancelled": false,
                "details": "We could not move it to the dates you asked for: it stays as planned.",
            ]
        case .cancelled:
            return [
                "summary": "cancelled your visit on \(format.date(visit.date))", "cancelled": true,
                "details": "The visit planned for \(format.date(visit.date)), \(window), will not happen.",
            ]
        }
    }

    /// What the client asked: a one-line `summary` for the subject, and the `details` (the dates and note, or the
    /// pause), each filled whatever was asked.
    private func requestVariables(_ request: VisitRequestNotice, format: Formatting) -> [String: Any] {
        switch request {
        case .reschedule(let asked):
            let dates = asked.preferredDates.map(format.date).joined(separator: ", ")
            return ["summary": "asks to move a visit", "details": "Dates that would suit them: \(dates). Their note: \(asked.note ?? "none")"]
        case .pause(let pause, let skipped):
            return [
                "summary": "paused their visits",
                "details": "Paused from \(format.date(pause.from)) to \(format.date(pause.to)). " + Self.visitList(skipped, format: format, none: "No visit fell in those days.", verb: "skipped"),
            ]
        case .resume(let restored):
            return [
                "summary": "resumed their visits",
                "details": Self.visitList(restored, format: format, none: "No skipped visit could be planned again: each was past its cut-off.", verb: "planned again"),
            ]
        }
    }

    /// `Visits skipped: December 9, 2026; December 16, 2026.`, or `none`.
    private static func visitList(_ dates: [CalendarDate], format: Formatting, none: String, verb: String) -> String {
        dates.isEmpty ? none : "Visits \(verb): \(dates.map(format.date).joined(separator: "; "))."
    }

    private func accountVariables(_ account: Account) -> [String: Any] {
        ["name": account.branding.displayName, "customer_portal_url": links.portal(account)]
    }

    private func leadVariables(_ lead: Lead, account: Account) -> [String: Any] {
        [
            "name": lead.name, "email": lead.email, "phone": lead.phone ?? "not given",
            "serviceAddress": lead.serviceAddress,
            "services": lead.servicesWanted.isEmpty ? "see the description" : lead.servicesWanted.joined(separator: ", "),
            "preferredDate": lead.preferredDate.map(Formatting(account: account).date) ?? "any",
            "description": lead.description,
        ]
    }
}
