import PortalKernel

/// How the back office words the visibility verdicts, so staff know why a client does or does not see something.
enum AdminWords {
    static func proposalVerdict(_ verdict: ProposalVisibility.Verdict) -> String {
        switch verdict {
        case .awaitingAnswer: "shown, awaiting an answer"
        case .acceptedInPortal: "shown: accepted in the portal"
        case .hiddenJobCreatedActive: "hidden: its job was created active"
        case .hiddenDraft: "hidden: a draft"
        case .hiddenDeclined: "hidden: declined"
        case .hiddenExpired: "hidden: expired"
        case .hiddenSuperseded: "hidden: replaced by a newer version"
        case .hiddenAcceptedElsewhere(let via): "hidden: accepted \(via == .staff ? "by staff" : "from the email link")"
        }
    }

    static func invoiceVerdict(_ verdict: InvoiceVisibility.Verdict) -> String {
        switch verdict {
        case .unpaid: "shown, unpaid"
        case .paidWithinRetention: "shown, paid"
        case .hiddenVoided: "hidden: voided"
        case .hiddenZeroTotal: "hidden: total is zero"
        case .hiddenNotOpen(let rule): "hidden: not open yet (Open Invoice: \(rule.rawValue))"
        case .hiddenPaidPastRetention: "hidden: paid, and past the retention period"
        case .cannotBeTotalled: "shown with an error: its lines cannot be totalled (amounts out of range)"
        }
    }
}
