import Foundation

/// A request for service: the job it opened (in stage `lead`) and what the requester typed.
///
/// A portal lead keeps the visitor's own words (SPEC F5–F7) even after staff attach or create a customer.
public struct Lead: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Lead>

    /// The lead's id, a random UUID string; the back office's lead page and the "View lead" link in the notification
    /// name it.
    public var id: ID
    /// The company the request was sent to.
    public var accountID: Account.ID
    /// The job in stage `lead` this request created.
    public var jobID: Job.ID
    /// Whether it came through the customer portal (shown as the green "Portal Lead" tag).
    public var portalLead: Bool
    /// The requester's name as typed, trimmed, 1 to 200 characters.
    public var name: String
    /// The requester's email, normalised (trimmed, lower-cased). Nobody has proven they own it unless a logged-in
    /// client sent the request (SPEC M5).
    public var email: String
    /// The requester's phone number as typed (at least 7 digits, at most 40 characters); `nil` when left empty.
    public var phone: String?
    /// Where the work is needed, as typed (one free-text field, at most 500 characters), not yet an ``Address``.
    public var serviceAddress: String
    /// The services ticked, each one of ``ServiceRequest/serviceChoices``; may be empty when the description says what
    /// is needed.
    public var servicesWanted: [String]
    /// What the requester wrote about the work, trimmed, at most 5,000 characters; may be empty when a service was
    /// ticked.
    public var description: String
    /// The day the requester would like the work done, today or later when sent; `nil` when not given.
    public var preferredDate: CalendarDate?
    /// Chosen by the lead router, changeable by staff.
    public var assigneeID: StaffUser.ID?
    /// Labels the lead router gave the lead (`north-side`, `trees`), shown in the back office's lead list; empty for
    /// none.
    public var tags: [String]
    /// When the request was sent, by the portal's clock.
    public var submittedAt: Date

    /// Memberwise; the email is normalised. The request-service form's checks (``ServiceRequest/problems(today:)``) run
    /// before it gets here.
    public init(
        id: ID = .random(), accountID: Account.ID, jobID: Job.ID, portalLead: Bool, name: String, email: String,
        phone: String? = nil, serviceAddress: String, servicesWanted: [String] = [], description: String,
        preferredDate: CalendarDate? = nil, assigneeID: StaffUser.ID? = nil, tags: [String] = [], submittedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.jobID = jobID
        self.portalLead = portalLead
        self.name = name
        self.email = EmailAddress.normalized(email)
        self.phone = phone
        self.serviceAddress = serviceAddress
        self.servicesWanted = servicesWanted
        self.description = description
        self.preferredDate = preferredDate
        self.assigneeID = assigneeID
        self.tags = tags
        self.submittedAt = submittedAt
    }
}
