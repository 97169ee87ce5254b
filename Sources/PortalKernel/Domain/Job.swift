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

    public var id: ID
    public var accountID: Account.ID
    /// `nil` only for a lead whose visitor is not yet matched to a customer.
    public var customerID: Customer.ID?
    public var title: String
    public var serviceAddress: Address?
    public let createdStage: CreatedStage
    public var stage: Stage
    public var workDate: CalendarDate?
    public var completedDate: CalendarDate?
    /// Whether the job began as a service request from the customer portal (SPEC F6, F7).
    public var portalLead: Bool
    public var createdAt: Date

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
