import Foundation

/// A request for service: the job it opened (in stage `lead`) and what the requester typed.
///
/// A portal lead keeps the visitor's own words (SPEC F5–F7) even after staff attach or create a customer.
public struct Lead: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Lead>

    public var id: ID
    public var accountID: Account.ID
    /// The job in stage `lead` this request created.
    public var jobID: Job.ID
    /// Whether it came through the customer portal (shown as the green "Portal Lead" tag).
    public var portalLead: Bool
    public var name: String
    public var email: String
    public var phone: String?
    public var serviceAddress: String
    public var servicesWanted: [String]
    public var description: String
    public var preferredDate: CalendarDate?
    /// Chosen by the lead router, changeable by staff.
    public var assigneeID: StaffUser.ID?
    public var tags: [String]
    public var submittedAt: Date

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
