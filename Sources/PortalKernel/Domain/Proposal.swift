import Foundation

/// A priced offer for a job, which the client can accept or decline.
public struct Proposal: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Proposal>

    /// Where a proposal is: a `draft` staff are still writing, `sent` and awaiting an answer, `accepted` or `declined`
    /// by its answer, `expired` (a sent proposal past ``expiresOn`` counts as expired whatever its status says), or
    /// `superseded` by a newer version.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case draft
        case sent
        case accepted
        case declined
        case expired
        /// Replaced by a newer version after staff edited it; its link shows the newer one.
        case superseded
    }

    /// The proposal's id, a random UUID string; each version is a proposal of its own with its own id.
    public var id: ID
    /// The company making the offer.
    public var accountID: Account.ID
    /// The job the proposal prices; whether it may show in the portal depends on how that job was created (SPEC P1).
    public var jobID: Job.ID
    /// The customer the offer is made to: only that customer's clients see it in the portal.
    public var customerID: Customer.ID
    /// Increases each time staff change a sent proposal; an acceptance names the version it accepted.
    public var version: Int
    /// What is offered (`Spring cleanup and mulch`), trimmed, 1 to 200 characters; it goes into the email's subject.
    public var title: String
    /// What is offered, in order: at least one required line; optional lines are the client's to choose when accepting.
    public var lineItems: [LineItem]
    /// The tax rate applied to the subtotal, in basis points (825 = 8.25 %), 0 to 5,000; 0 for no tax.
    public var taxRateBasisPoints: Int
    /// What the client pays when accepting (SPEC F13); `nil` for no deposit, as every proposal stored before deposits.
    public var deposit: Deposit?
    /// Where the proposal is; whether the portal shows it also depends on the expiry date and the job
    /// (``ProposalVisibility``).
    public var status: Status
    /// When staff sent this version; `nil` for a draft.
    public var sentAt: Date?
    /// The last day the proposal can be accepted, in the account's time zone.
    public var expiresOn: CalendarDate?
    /// Who accepted it, when, where and which version; `nil` unless accepted.
    public var acceptance: Acceptance?
    /// The client's reason for declining, trimmed, at most 2,000 characters; `nil` when not declined or no reason
    /// given.
    public var declineReason: String?
    /// When this version was created, by the portal's clock.
    public var createdAt: Date

    /// Memberwise: a draft at version 1, without a deposit, unless told otherwise. ``Quoting`` checks the title, lines and tax rate before
    /// it gets here.
    public init(
        id: ID = .random(), accountID: Account.ID, jobID: Job.ID, customerID: Customer.ID, version: Int = 1,
        title: String, lineItems: [LineItem], taxRateBasisPoints: Int = 0, deposit: Deposit? = nil, status: Status = .draft,
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
        self.deposit = deposit
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

    /// A SHA-256 (hex) of exactly what the client is shown: version, title, items, tax rate and deposit terms (SPEC
    /// F13). An acceptance stores it, so a later change to the proposal can never be passed off as what was accepted.
    /// A proposal without a deposit hashes as it did before deposits existed, so stored acceptances still match.
    public var contentHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = HashedContent(
            id: id, version: version, title: title, lineItems: lineItems, taxRateBasisPoints: taxRateBasisPoints,
            deposit: deposit)
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
        /// Encoded only when there is one (`encodeIfPresent`), which keeps the hash of a proposal without one.
        let deposit: Deposit?
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
    /// Where it was accepted: in the portal, from the emailed link or by staff (SPEC P3, P4).
    public var via: AcceptanceChannel
    /// When it was accepted, by the portal's clock.
    public var acceptedAt: Date
    /// The full name typed as a signature.
    public var signatureName: String
    /// The accepting browser's IP address as the server saw it; `nil` when not known.
    public var ipAddress: String?
    /// The accepting browser's `User-Agent`, cut to 512 characters; `nil` when none was sent.
    public var userAgent: String?
    /// ``Proposal/contentHash`` of the version accepted.
    public var versionHash: String
    /// The optional lines the client chose, by id; the accepted total counts them with the required ones.
    public var chosenOptionalItemIDs: [LineItem.ID]

    /// Memberwise; no address, browser or optional lines unless given.
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
