import Foundation

/// A priced offer for a job, which the client can accept or decline.
public struct Proposal: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Proposal>

    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case draft
        case sent
        case accepted
        case declined
        case expired
        /// Replaced by a newer version after staff edited it; its link shows the newer one.
        case superseded
    }

    public var id: ID
    public var accountID: Account.ID
    public var jobID: Job.ID
    public var customerID: Customer.ID
    /// Increases each time staff change a sent proposal; an acceptance names the version it accepted.
    public var version: Int
    public var title: String
    public var lineItems: [LineItem]
    public var taxRateBasisPoints: Int
    public var status: Status
    public var sentAt: Date?
    /// The last day the proposal can be accepted, in the account's time zone.
    public var expiresOn: CalendarDate?
    public var acceptance: Acceptance?
    public var declineReason: String?
    public var createdAt: Date

    public init(
        id: ID = .random(), accountID: Account.ID, jobID: Job.ID, customerID: Customer.ID, version: Int = 1,
        title: String, lineItems: [LineItem], taxRateBasisPoints: Int = 0, status: Status = .draft,
        sentAt: Date? = nil, expiresOn: CalendarDate? = nil, acceptance: Acceptance? = nil,
        declineReason: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.jobID = jobID
        self.customerID = customerID
        self.version = version
        self.title = title
        self.lineItems = lineItems
        self.taxRateBasisPoints = taxRateBasisPoints
        self.status = status
        self.sentAt = sentAt
        self.expiresOn = expiresOn
        self.acceptance = acceptance
        self.declineReason = declineReason
        self.createdAt = createdAt
    }

    /// Totals with every required item and the chosen optional ones; ``AmountOutOfRange`` for lines that cannot be
    /// totalled (SPEC M2).
    public func totals(choosing optionalItemIDs: Set<LineItem.ID> = []) throws(AmountOutOfRange) -> Totals {
        let chosen = lineItems.filter { !$0.isOptional || optionalItemIDs.contains($0.id) }
        return try Totals(items: chosen, taxRateBasisPoints: taxRateBasisPoints)
    }

    /// The total shown for the proposal: of the optional items chosen once accepted, of the required ones before;
    /// ``AmountOutOfRange`` for lines that cannot be totalled (SPEC M2).
    public var total: Money {
        get throws(AmountOutOfRange) { try totals(choosing: Set(acceptance?.chosenOptionalItemIDs ?? [])).total }
    }

    /// A SHA-256 (hex) of exactly what the client is shown: version, title, items, tax rate. An acceptance stores
    /// it, so a later change to the proposal can never be passed off as what was accepted.
    public var contentHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = HashedContent(
            id: id, version: version, title: title, lineItems: lineItems, taxRateBasisPoints: taxRateBasisPoints)
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(content)) ?? Data()
        return data.sha256Hex
    }

    private struct HashedContent: Encodable {
        let id: ID
        let version: Int
        let title: String
        let lineItems: [LineItem]
        let taxRateBasisPoints: Int
    }
}

/// Where a proposal was accepted. SPEC P3/P4 treat them differently.
public enum AcceptanceChannel: String, Hashable, Codable, Sendable, CaseIterable {
    /// By the client, logged in to the portal.
    case portal
    /// By whoever opened the proposal link from the email.
    case emailLink
    /// By a staff user in the back office.
    case staff
}

/// The record of an acceptance: who, when, where, and exactly what.
public struct Acceptance: Hashable, Codable, Sendable {
    public var via: AcceptanceChannel
    public var acceptedAt: Date
    /// The full name typed as a signature.
    public var signatureName: String
    public var ipAddress: String?
    public var userAgent: String?
    /// ``Proposal/contentHash`` of the version accepted.
    public var versionHash: String
    public var chosenOptionalItemIDs: [LineItem.ID]

    public init(
        via: AcceptanceChannel, acceptedAt: Date, signatureName: String, ipAddress: String? = nil,
        userAgent: String? = nil, versionHash: String, chosenOptionalItemIDs: [LineItem.ID] = []
    ) {
        self.via = via
        self.acceptedAt = acceptedAt
        self.signatureName = signatureName
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.versionHash = versionHash
        self.chosenOptionalItemIDs = chosenOptionalItemIDs
    }
}
