import Mustache
import PortalKernel

/// Composes the portal's emails from the bundled Mustache templates: a text and an HTML body each, with the
/// variables listed beside each case below (`{{account.customer_portal_url}}` in all of them).
public struct TemplateEmailComposer: PortalEmailComposer {
    private let library: MustacheLibrary
    private let links: PortalLinks

    /// - Throws: when a bundled template does not parse (a build defect; the tests catch it).
    public init(publicBaseURL: String) throws {
        library = try PortalTemplates.library(PortalTemplates.emails)
        links = PortalLinks(publicBaseURL: publicBaseURL)
    }

    public func compose(_ email: PortalEmail, to recipients: [EmailMessage.Mailbox]) throws -> EmailMessage {
        let (template, subject, variables) = content(of: email)
        guard let text = library.render(variables, withTemplate: "\(template)-text"),
            let html = library.render(variables, withTemplate: "\(template)-html")
        else { throw TemplateMissing(name: template) }
        return EmailMessage(to: recipients, subject: subject, textBody: text, htmlBody: html)
    }

    /// A bundled template that is not there (a build defect).
    struct TemplateMissing: Error {
        let name: String
    }

    private func content(of email: PortalEmail) -> (template: String, subject: String, variables: [String: Any]) {
        switch email {
        case .loginLink(let account, let link, let minutes):
            return ("login-link", "Your login link for \(account.name)", [
                "account": accountVariables(account), "link": link, "minutes": minutes,
            ])
        case .leadNotification(let account, let lead, let leadURL):
            return ("lead-notification", "New portal lead: \(lead.name)", [
                "account": accountVariables(account), "lead": leadVariables(lead, account: account), "leadURL": leadURL,
            ])
        case .leadConfirmation(let account, let lead):
            return ("lead-confirmation", "We received your request, \(lead.name)", [
                "account": accountVariables(account), "lead": leadVariables(lead, account: account),
            ])
        case .paymentReceipt(let account, let customer, let invoice, let payment, let receiptURL):
            let format = Formatting(account: account)
            let paymentVariables: [String: Any] = [
                "amount": format.money(payment.amount),
                "serviceFee": payment.serviceFee > .zero ? format.money(payment.serviceFee) : false,
                "charged": format.money(payment.charged), "card": payment.card?.description ?? "card",
                "reference": payment.gatewayReference ?? payment.id.rawValue,
            ]
            return ("payment-receipt", "Receipt for invoice \(invoice.number)", [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": ["number": invoice.number, "balance": format.money(invoice.balance)],
                "payment": paymentVariables, "receiptURL": receiptURL,
            ])
        case .proposalSent(let account, let customer, let proposal, let link):
            let format = Formatting(account: account)
            return ("proposal-sent", "Proposal from \(account.branding.displayName): \(proposal.title)", [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "proposal": [
                    "title": proposal.title, "total": format.money(proposal.totals().total),
                    "expiresOn": proposal.expiresOn.map(format.date) ?? "",
                ],
                "link": link,
            ])
        case .invoiceSent(let account, let customer, let invoice):
            let format = Formatting(account: account)
            return ("invoice-sent", "Invoice \(invoice.number) from \(account.branding.displayName)", [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
                "invoice": [
                    "number": invoice.number, "total": format.money(invoice.total), "balance": format.money(invoice.balance),
                    "dueDate": invoice.dueDate.map(format.date) ?? "",
                ],
            ])
        case .portalInvitation(let account, let customer):
            return ("portal-invitation", "Your client portal with \(account.branding.displayName)", [
                "account": accountVariables(account), "customer": ["name": customer.displayName],
            ])
        }
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
