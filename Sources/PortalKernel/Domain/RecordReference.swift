/// Points at one record by kind and id: what an email or an audit event is about, so the back office can show
/// it beside that record.
public struct RecordReference: Hashable, Codable, Sendable {
    /// The kinds of record something can be about.
    public enum Kind: String, Hashable, Codable, Sendable {
        case proposal
        case invoice
        case lead
        case loginLink
        case payment
        case customer
        /// A staff user (the failed-sign-in alert, #17).
        case staffUser
        /// A job, and the company's own settings (#20).
        case job
        case account
        /// A visit, and a series of visits (#23).
        case visit
        case visitSeries
    }

    /// What kind of record it points at.
    public var kind: Kind
    /// The record's id (its ``Identifier/rawValue``).
    public var id: String

    /// Memberwise; the static functions below make one from a typed id.
    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func proposal(_ id: Proposal.ID) -> RecordReference { RecordReference(kind: .proposal, id: id.rawValue) }
    public static func invoice(_ id: Invoice.ID) -> RecordReference { RecordReference(kind: .invoice, id: id.rawValue) }
    public static func lead(_ id: Lead.ID) -> RecordReference { RecordReference(kind: .lead, id: id.rawValue) }
    public static func payment(_ id: Payment.ID) -> RecordReference { RecordReference(kind: .payment, id: id.rawValue) }
    public static func visit(_ id: Visit.ID) -> RecordReference { RecordReference(kind: .visit, id: id.rawValue) }
    public static func visitSeries(_ id: VisitSeries.ID) -> RecordReference { RecordReference(kind: .visitSeries, id: id.rawValue) }
    public static func customer(_ id: Customer.ID) -> RecordReference { RecordReference(kind: .customer, id: id.rawValue) }
    public static func job(_ id: Job.ID) -> RecordReference { RecordReference(kind: .job, id: id.rawValue) }
    public static func account(_ id: Account.ID) -> RecordReference { RecordReference(kind: .account, id: id.rawValue) }
}
