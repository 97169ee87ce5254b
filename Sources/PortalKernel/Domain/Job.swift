import Foundation

/// A piece of work for a customer, from lead to completion.
public struct Job: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Job>

    /// Where a job is now.
    public enum Stage: String, Hashable, Codable, Sendable, CaseIterable {
        case lead
        case proposal
        case active
        case completed
        case closed
        case lost
    }

    /// The stage a job was created in. Fixed at creation: SPEC P1 depends on it, not on the current stage.
    public enum CreatedStage: String, Hashable, Codable, Sendable, CaseIterable {
        case lead
        case proposal
        case active

        /// The current stage a job created in this stage starts with.
        public var initialStage: Stage {
            switch self {
            case .lead: .lead
            case .proposal: .proposal
            case .active: .active
            }
        }
    }

    /// The job's id, a random UUID string.
    public var id: ID
    /// The company doing the work.
    public var accountID: Account.ID
    /// `nil` only for a lead whose visitor is not yet matched to a customer.
    public var customerID: Customer.ID?
    /// What the work is (`Spring cleanup`): trimmed of spaces and line breaks, 1 to 200 characters
    /// (``titleProblem(_:)``).
    public var title: String
    /// Where the work is done; `nil` when not known.
    public var serviceAddress: Address?
    /// The stage the job was created in, fixed for its life: whether its proposals may show in the portal depends on it
    /// (SPEC P1).
    public let createdStage: CreatedStage
    /// Where the job is now; staff move it, and accepting its proposal moves it to `active` (SPEC F9).
    public var stage: Stage
    /// The day the work is scheduled for, in the account's time zone; `nil` while not scheduled.
    public var workDate: CalendarDate?
    /// The day the work was finished, in the account's time zone; `nil` when not recorded.
    public var completedDate: CalendarDate?
    /// Whether the job began as a service request from the customer portal (SPEC F6, F7).
    public var portalLead: Bool
    /// When the job was created, by the portal's clock.
    public var createdAt: Date

    /// Memberwise; `stage` defaults to the created stage's ``CreatedStage/initialStage``.
    public init(
        id: ID = .random(), accountID: Account.ID, customerID: Customer.ID?, title: String,
        serviceAddress: Address? = nil, createdStage: CreatedStage, stage: Stage? = nil, workDate: CalendarDate? = nil,
        completedDate: CalendarDate? = nil, portalLead: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.customerID = customerID
        self.title = title
        self.serviceAddress = serviceAddress
        self.createdStage = createdStage
        self.stage = stage ?? createdStage.initialStage
        self.workDate = workDate
        self.completedDate = completedDate
        self.portalLead = portalLead
        self.createdAt = createdAt
    }
}
