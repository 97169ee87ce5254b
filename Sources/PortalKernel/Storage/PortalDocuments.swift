/// What a customer's portal is read from (#22): the proposals that could show (every one but drafts), the jobs they
/// belong to (P1 looks at how each was created), the invoices that could show (every one not voided), and the visits
/// from a date on (#23), each list by id as bytes. The visibility rules (P1–P4, I1–I3, V1) then decide what shows
/// (``PortalView``).
public struct PortalDocuments: Sendable, Equatable {
    /// The customer's proposals but drafts, by id.
    public var proposals: [Proposal]
    /// The jobs of those proposals, by id.
    public var jobs: [Job]
    /// The customer's invoices not voided, by id.
    public var invoices: [Invoice]
    /// The customer's visits dated on or after the day asked for, by id.
    public var visits: [Visit]

    /// The four lists, each put in id order as bytes.
    public init(proposals: [Proposal], jobs: [Job], invoices: [Invoice], visits: [Visit] = []) {
        func byID<Record>(_ id: KeyPath<Record, String>) -> (Record, Record) -> Bool {
            { $0[keyPath: id].utf8.lexicographicallyPrecedes($1[keyPath: id].utf8) }
        }
        self.proposals = proposals.sorted(by: byID(\.id.rawValue))
        self.jobs = jobs.sorted(by: byID(\.id.rawValue))
        self.invoices = invoices.sorted(by: byID(\.id.rawValue))
        self.visits = visits.sorted(by: byID(\.id.rawValue))
    }
}
