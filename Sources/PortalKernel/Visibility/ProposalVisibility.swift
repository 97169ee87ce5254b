/// Whether a proposal appears in the client's portal: SPEC P1–P4, one pure function.
public enum ProposalVisibility {
    /// Why a proposal is, or is not, in the portal. The back office shows the reason beside each proposal.
    public enum Verdict: Hashable, Sendable {
        /// Sent and waiting for an answer (P2).
        case awaitingAnswer
        /// Accepted by the client in the portal: stays, read-only (P3).
        case acceptedInPortal
        /// Its job was created `active`, so the proposal never shows, whatever happens later (P1).
        case hiddenJobCreatedActive
        /// A draft never shows (P2).
        case hiddenDraft
        /// Declined (P2).
        case hiddenDeclined
        /// Past its expiry date, or marked expired (P2).
        case hiddenExpired
        /// Replaced by a newer version, which shows instead.
        case hiddenSuperseded
        /// Accepted from the email link or by staff: leaves the portal (P4).
        case hiddenAcceptedElsewhere(AcceptanceChannel)

        /// Whether the proposal is shown.
        public var isVisible: Bool {
            switch self {
            case .awaitingAnswer, .acceptedInPortal: true
            default: false
            }
        }
    }

    /// The verdict for `proposal` of `job` on `today` (a date in the account's time zone).
    ///
    /// A proposal whose `expiresOn` has passed is treated as expired even before a sweep marks it so, so the
    /// portal never shows a proposal that can no longer be accepted. It is still acceptable on `expiresOn`.
    public static func verdict(for proposal: Proposal, of job: Job, today: CalendarDate) -> Verdict {
        // P1: only jobs created as a lead or a proposal ever show their proposal.
        guard job.createdStage != .active else { return .hiddenJobCreatedActive }
        switch proposal.status {
        case .draft:
            return .hiddenDraft
        case .declined:
            return .hiddenDeclined
        case .superseded:
            return .hiddenSuperseded
        case .expired:
            return .hiddenExpired
        case .sent:
            if let expiresOn = proposal.expiresOn, today > expiresOn { return .hiddenExpired }
            return .awaitingAnswer
        case .accepted:
            // P3/P4: only an acceptance made in the portal keeps the proposal there. An accepted proposal with no
            // acceptance record cannot be attributed to the client, so it does not show.
            guard let via = proposal.acceptance?.via else { return .hiddenAcceptedElsewhere(.staff) }
            return via == .portal ? .acceptedInPortal : .hiddenAcceptedElsewhere(via)
        }
    }

    /// Whether `proposal` of `job` appears in the portal on `today`.
    public static func isVisible(_ proposal: Proposal, of job: Job, today: CalendarDate) -> Bool {
        verdict(for: proposal, of: job, today: today).isVisible
    }
}
