import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Line`: a line of a proposal or an invoice as saved.
struct APILine: Codable, Sendable {
    /// The line's id, an opaque string (a staff acceptance's `optionalLineIds` names optional lines by it).
    let id: String
    /// What the line is for.
    let description: String
    /// How many units (hours, yards, trees), with up to 4 decimals.
    let quantity: Decimal
    /// The price of one unit, in integer minor units of the account's currency (SPEC M1).
    let unitPrice: Int
    /// `quantity` times `unitPrice`, rounded half away from zero to the minor unit; minor units (SPEC M1).
    let amount: Int
    /// Whether the client may choose to add the line when accepting a proposal; always `false` on invoices.
    let optional: Bool

    /// The API's view of `item`; ``AmountOutOfRange`` when its amount leaves the range (SPEC M2).
    init(_ item: LineItem) throws(AmountOutOfRange) {
        (id, description, quantity) = (item.id.rawValue, item.description, item.quantity)
        (unitPrice, amount, optional) = (item.unitPrice.cents, try item.amount.cents, item.isOptional)
    }
}

/// `Proposal`: a priced offer for a job, which the client accepts or declines; each revision of a sent one is a new
/// proposal with the next version.
struct APIProposal: Codable, Sendable {
    /// The proposal's id, an opaque string.
    let id: String
    /// The job the proposal is for.
    let jobId: String
    /// The customer the proposal is for: the job's customer when it was created.
    let customerId: String
    /// 1 for the first version; one more for each revision of a sent proposal.
    let version: Int
    /// The proposal's name.
    let title: String
    /// The proposal's lines, in order, optional ones included.
    let lines: [APILine]
    /// The tax rate in basis points, applied to the subtotal: 825 is 8.25 %.
    let taxRateBasisPoints: Int
    /// What accepting asks the client to pay (SPEC F13), part of the accepted version's hash; absent for none.
    let deposit: APIDeposit?
    /// The lines' amounts plus tax, in minor units (SPEC M1): without the optional lines before acceptance, with the
    /// chosen ones after.
    let total: Int
    /// Where the proposal stands (`draft`, `sent`, `accepted`, `declined`, `expired`, `superseded`).
    let status: Proposal.Status
    /// When the proposal was first emailed, an instant, ISO 8601 in UTC; `nil` for a draft.
    let sentAt: Date?
    /// The last day it can be accepted, `YYYY-MM-DD` in the account's time zone, set when sent (SPEC P2); `nil` for a
    /// draft.
    let expiresOn: CalendarDate?
    /// Who signed, when, through which channel, and which version and optional lines; `nil` unless accepted.
    let acceptance: Acceptance?
    /// What the client wrote when declining; `nil` when not declined or no reason was given.
    let declineReason: String?

    /// The API's view of `proposal`; ``AmountOutOfRange`` when a line or the total leaves the range (SPEC M2).
    init(_ proposal: Proposal) throws(AmountOutOfRange) {
        (id, jobId, customerId) = (proposal.id.rawValue, proposal.jobID.rawValue, proposal.customerID.rawValue)
        (version, title, lines) = (proposal.version, proposal.title, try proposal.lineItems.map(APILine.init))
        (taxRateBasisPoints, deposit) = (proposal.taxRateBasisPoints, proposal.deposit.map(APIDeposit.init))
        total = try proposal.total.cents
        (status, sentAt, expiresOn) = (proposal.status, proposal.sentAt, proposal.expiresOn)
        (acceptance, declineReason) = (proposal.acceptance, proposal.declineReason)
    }
}

/// `POST /api/v1/proposals` (`NewProposal`): a draft for a job, which must have a customer.
struct APINewProposal: Decodable, Sendable {
    /// The job the proposal is for; it must be the account's (404) and have a customer (422).
    let jobId: String
    /// A name for the proposal; not blank, at most 200 characters once trimmed.
    let title: String
    /// The proposal's lines, 1 to 500, at least one of them not optional.
    let lines: [LineInput]
    /// The tax rate in basis points (825 is 8.25 %), 0 to 5000; `nil` (absent or `null`) means 0.
    let taxRateBasisPoints: Int?
    /// The deposit accepting asks for (SPEC F13): absent for the account's default deposit, `null` for none.
    let deposit: PatchField<APIDeposit>
}

/// `PUT /api/v1/proposals/{id}` (`ProposalRevision`): new content; the job and customer stay the proposal's.
struct APIProposalRevision: Decodable, Sendable {
    /// A name for the proposal; not blank, at most 200 characters once trimmed.
    let title: String
    /// The proposal's lines, 1 to 500, at least one of them not optional.
    let lines: [LineInput]
    /// The tax rate in basis points (825 is 8.25 %), 0 to 5000; `nil` (absent or `null`) means 0.
    let taxRateBasisPoints: Int?
    /// The deposit accepting asks for (SPEC F13): absent keeps the proposal's, `null` for none.
    let deposit: PatchField<APIDeposit>
}

/// `StaffAcceptance`: staff accepting a sent proposal for the client (SPEC F8, P4: it then leaves the portal).
struct APIStaffAcceptance: Decodable, Sendable {
    /// The name recorded as the signature, 2 to 200 characters once trimmed; `nil` records "Accepted by staff".
    let signatureName: String?
    /// The ids of the optional lines the client chose (422 for one that is not); `nil` chooses none.
    let optionalLineIds: [String]?
}
