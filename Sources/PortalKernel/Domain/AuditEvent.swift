import Foundation

/// One thing a client did in the portal, or staff or an integration did in the back office or the API, kept for the
/// back office's activity timelines (issue: audit trail; #20: every write of the back office and the API).
///
/// Records who (the customer and the email they logged in with, when known; or the staff user or API token), what,
/// about which record, when, and from where (IP address and user agent). Events are only ever added, never changed.
public struct AuditEvent: Hashable, Codable, Sendable {
    public typealias ID = Identifier<AuditEvent>

    /// What happened.
    public enum Action: String, Hashable, Codable, Sendable, CaseIterable {
        case loggedIn
        case loggedOut
        case proposalViewed
        case proposalAccepted
        case proposalDeclined
        case invoiceViewed
        case invoicePaid
        case leadSubmitted
        /// Staff actions, for the same timelines.
        case proposalSent
        case proposalRevised
        case invoiceSent
        case paymentRecorded
        case invoiceVoided
        /// Back-office and API changes (#20).
        case customerCreated
        case customerInvited
        case jobCreated
        case jobChanged
        case leadConverted
        case proposalCreated
        case invoiceCreated
        case settingsChanged
        case templateSaved
        case templateReset
        /// A client's answers about their visits (SPEC V2, V3).
        case visitConfirmed
        case visitRescheduleRequested
        case visitSkipped
        case visitsPaused
        case visitsResumed
        /// Staff's and integrations' work on visits (#23).
        case visitScheduled
        case visitSeriesScheduled
        case visitChanged
        case visitCompleted
        case visitCancelled
        /// A client's saved cards (SPEC F11).
        case paymentMethodSaved
        case paymentMethodRemoved
        case paymentMethodMadeDefault
        /// Autopay (SPEC F12): turned on or off by the client, a charge declined.
        case autopayEnabled
        case autopayDisabled
        case autopayFailed
        /// Deposits (SPEC F13): an acceptance made the deposit invoice; the client chose the deposit or the whole amount.
        case depositInvoiced
        case depositChoiceChanged
        /// Staff gave back a card payment in full or in part (SPEC F15).
        case paymentRefunded
        /// Staff attached a file to a record, shared it with the client, stopped sharing it, or removed it (SPEC F17).
        case fileAttached
        case fileShared
        case fileUnshared
        case fileRemoved
    }

    /// The event's id, a random UUID string.
    public var id: ID
    /// The account whose timelines show the event.
    public var accountID: Account.ID
    /// What was done; ``about`` says to which record.
    public var action: Action
    /// The record the action was about (the proposal viewed, the invoice paid, the lead submitted).
    public var about: RecordReference?
    /// The customer acting, when known: `nil` for an anonymous visitor or someone holding a proposal link.
    public var customerID: Customer.ID?
    /// The email the client logged in with, or the one an anonymous visitor typed.
    public var actorEmail: String?
    /// The client's IP address as the server saw it (behind a trusted proxy, the last `X-Forwarded-For` entry); `nil`
    /// when not known.
    public var ipAddress: String?
    /// The browser's `User-Agent` header, cut to 512 characters (``RequestOrigin``); `nil` when none was sent.
    public var userAgent: String?
    /// The staff user who did it in the back office (#20).
    public var staffUserID: StaffUser.ID?
    /// The API token it was done with (#20).
    public var apiTokenID: APIToken.ID?
    /// A short human-readable note (the amount paid, the name typed as signature, the decline reason).
    public var detail: String?
    /// When it happened, by the portal's clock.
    public var occurredAt: Date

    /// Who did it, when it was staff or an integration.
    public var actor: StaffActor? {
        staffUserID.map(StaffActor.staff) ?? apiTokenID.map(StaffActor.apiToken)
    }

    /// Memberwise, except that `actor` fills ``staffUserID`` or ``apiTokenID`` (at most one of them is set).
    public init(
        id: ID = .random(), accountID: Account.ID, action: Action, about: RecordReference? = nil,
        customerID: Customer.ID? = nil, actorEmail: String? = nil, ipAddress: String? = nil, userAgent: String? = nil,
        by actor: StaffActor? = nil, detail: String? = nil, occurredAt: Date
    ) {
        switch actor {
        case .staff(let id): staffUserID = id
        case .apiToken(let id): apiTokenID = id
        case nil: break
        }
        self.id = id
        self.accountID = accountID
        self.action = action
        self.about = about
        self.customerID = customerID
        self.actorEmail = actorEmail
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.detail = detail
        self.occurredAt = occurredAt
    }
}
