/// What one customer's portal shows on a given day: the visibility rules applied to that customer's records.
///
/// The portal home, the back office's "view portal as this client" and `GET /api/v1/customers/{id}/portal` all
/// build this one value, so they cannot disagree.
public struct PortalView: Hashable, Sendable {
    /// The proposals the portal shows (SPEC P1–P4), most recently sent first.
    public var proposals: [Proposal]
    /// The invoices the portal shows (SPEC I1–I3), latest invoice date first (then by number, descending).
    public var invoices: [Invoice]
    /// The visits to come (SPEC V1), soonest first.
    public var upcomingVisits: [Visit]
    /// The visits completed lately (SPEC V1), latest first.
    public var recentVisits: [Visit]

    /// Applies SPEC P1–P4, I1–I3 and V1. Proposals whose job is not in `jobs` are left out (a job of another
    /// customer or account is never looked at). Newest first.
    public init(
        proposals: [Proposal], jobs: [Job], invoices: [Invoice], visits: [Visit] = [], settings: AccountSettings, today: CalendarDate
    ) {
        let jobsByID = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.proposals = proposals
            .filter { proposal in
                guard let job = jobsByID[proposal.jobID], job.accountID == proposal.accountID else { return false }
                return ProposalVisibility.isVisible(proposal, of: job, today: today)
            }
            .sorted { ($0.sentAt ?? $0.createdAt) > ($1.sentAt ?? $1.createdAt) }
        self.invoices = invoices
            .filter { InvoiceVisibility.isVisible($0, settings: settings, today: today) }
            .sorted { ($0.invoiceDate, $0.number) > ($1.invoiceDate, $1.number) }
        upcomingVisits = VisitSchedule.upcoming(visits, today: today)
        recentVisits = VisitSchedule.recent(visits, today: today, settings: settings.visits)
    }

    /// The next visit still planned: the home's top line.
    public var nextVisit: Visit? { upcomingVisits.first { $0.status.isPlanned } }
}
