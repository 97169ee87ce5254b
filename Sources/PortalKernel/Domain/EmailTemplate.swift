/// An account's own wording of one of the portal's emails: Mustache templates for the subject, the text body and
/// the HTML body. Kinds without one use the bundled wording.
public struct EmailTemplate: Hashable, Codable, Sendable {
    /// The emails an account can reword.
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case loginLink
        case proposalSent
        case invoiceSent
        case paymentReceipt
        case leadNotification
        case leadConfirmation
        case portalInvitation
        case failedLogins
        case visitRequest
        case visitReminder
        case visitChanged
        case autopayFailed
        case statementReceipt
        case paymentRefunded
        case autopayChanged
    }

    /// Which email this template rewords; an account has at most one per kind.
    public var kind: Kind
    /// The subject line, a Mustache template (`Your login link for {{account.name}}`).
    public var subject: String
    /// The plain-text body, a Mustache template (values go in as they are, not HTML-escaped).
    public var text: String
    /// The HTML body, a Mustache template (values are HTML-escaped).
    public var html: String

    /// Memberwise. The back office saves only a template whose parts are within their size and nesting limits and
    /// parse.
    public init(kind: Kind, subject: String, text: String, html: String) {
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
    }
}

extension PortalEmail {
    /// Which template this email uses.
    public var templateKind: EmailTemplate.Kind {
        switch self {
        case .loginLink: .loginLink
        case .leadNotification: .leadNotification
        case .leadConfirmation: .leadConfirmation
        case .paymentReceipt: .paymentReceipt
        case .proposalSent: .proposalSent
        case .invoiceSent: .invoiceSent
        case .portalInvitation: .portalInvitation
        case .failedLogins: .failedLogins
        case .visitRequest: .visitRequest
        case .visitReminder: .visitReminder
        case .visitChanged: .visitChanged
        case .autopayFailed: .autopayFailed
        case .statementReceipt: .statementReceipt
        case .paymentRefunded: .paymentRefunded
        case .autopayChanged: .autopayChanged
        }
    }

    /// The account the email is from.
    public var account: Account {
        switch self {
        case .loginLink(let account, _, _), .leadNotification(let account, _, _, _), .leadConfirmation(let account, _, _),
            .paymentReceipt(let account, _, _, _, _), .proposalSent(let account, _, _, _), .invoiceSent(let account, _, _),
            .portalInvitation(let account, _), .failedLogins(let account, _, _, _, _), .visitRequest(let account, _, _, _, _),
            .visitReminder(let account, _, _, _, _), .visitChanged(let account, _, _, _, _, _),
            .autopayFailed(let account, _, _, _, _, _), .statementReceipt(let account, _, _, _),
            .paymentRefunded(let account, _, _, _, _, _), .autopayChanged(let account, _, _, _):
            account
        }
    }
}
