import PortalKernel

/// The proposal page's data, for the portal and for the emailed link alike (SPEC F4, F8).
struct ProposalPage {
    struct Line {
        let id: String
        let description: String
        let quantity: String
        let unitPrice: String
        let amount: String
        let optional: Bool
        let chosen: Bool
        let canAnswer: Bool
    }

    /// What the client typed, kept when the page comes back with a message.
    struct Typed {
        var chosen: Set<LineItem.ID>
        var signature = ""
        var consent = false
        var reason = ""
    }

    let chrome: PageChrome
    let title: String
    var notice: String?
    /// What is wrong with what was posted (issue #18): the signature and consent beside their fields.
    var errors = FormErrors()
    let status: String
    let statusClass: String
    let sentOn: String?
    let expiresOn: String?
    let acceptedNote: String?
    let formURL: String
    let declineURL: String
    let versionHash: String
    let lines: [Line]
    let subtotal: String
    let tax: String?
    let total: String
    /// The deposit accepting asks for, on the total shown (SPEC F13): `$300.00 (30% of the total)`; `nil` for none.
    let deposit: String?
    /// Once accepted from the emailed link: the deposit invoice's pay page in the portal; `nil` otherwise.
    var depositPayURL: String?
    /// Files staff shared on the proposal or its job (SPEC F17).
    var files: [PortalController.SharedFile] = []
    /// The proposal as a PDF (SPEC F16), in the portal; the emailed link's page has none.
    var pdfURL: String?
    let hasOptional: Bool
    let canAnswer: Bool
    let signature: String
    let consent: Bool
    let reason: String
    let backURL: String?

    /// The page in `visit`'s portal, its forms posting under `actionBase`.
    init(
        proposal: Proposal, visit: PortalVisit, typed: Typed, actionBase: String, backURL: String?
    ) throws(AmountOutOfRange) {
        try self.init(
            proposal: proposal, format: visit.format, today: visit.account.today(at: visit.front.clock.now), chrome: visit.chrome(proposal.title),
            typed: typed, actionBase: actionBase, backURL: backURL)
    }

    /// The page worded with `format` on `today`, in `chrome`.
    init(
        proposal: Proposal, format: Formatting, today: CalendarDate, chrome: PageChrome, typed: Typed, actionBase: String, backURL: String?
    ) throws(AmountOutOfRange) {
        let canAnswer = ProposalAnswers.unanswerable(proposal, today: today) == nil
        let chosen = proposal.status == .accepted ? Set(proposal.acceptance?.chosenOptionalItemIDs ?? []) : typed.chosen
        let totals = try proposal.totals(choosing: chosen)
        self.chrome = chrome
        title = proposal.title
        (status, statusClass) = Self.status(of: proposal, canAnswer: canAnswer)
        sentOn = proposal.sentAt.map(format.instant)
        expiresOn = canAnswer ? proposal.expiresOn.map(format.date) : nil
        acceptedNote = proposal.acceptance.map {
            "Accepted by \($0.signatureName) on \(format.instant($0.acceptedAt))."
        }
        formURL = "\(actionBase)/accept"
        declineURL = "\(actionBase)/decline"
        versionHash = proposal.contentHash
        lines = try proposal.lineItems.map { item throws(AmountOutOfRange) in
            Line(
                id: item.id.rawValue, description: item.description, quantity: format.quantity(item.quantity),
                unitPrice: format.money(item.unitPrice), amount: format.money(try item.amount), optional: item.isOptional,
                chosen: chosen.contains(item.id), canAnswer: canAnswer)
        }
        subtotal = format.money(totals.subtotal)
        tax = totals.tax == .zero ? nil : format.money(totals.tax)
        total = format.money(totals.total)
        if let terms = proposal.deposit, try terms.amount(of: totals.total) > .zero {
            deposit = try DepositWords.due(terms, on: totals.total, format: format)
        } else {
            deposit = nil
        }
        hasOptional = proposal.lineItems.contains(where: \.isOptional)
        self.canAnswer = canAnswer
        signature = typed.signature
        consent = typed.consent
        reason = typed.reason
        self.backURL = backURL
    }

    private static func status(of proposal: Proposal, canAnswer: Bool) -> (String, String) {
        switch proposal.status {
        case .accepted: ("Accepted", "accepted")
        case .declined: ("Declined", "")
        case .sent where canAnswer: ("Awaiting your answer", "")
        case .sent, .expired: ("Expired", "")
        case .superseded: ("Updated", "")
        case .draft: ("Not sent", "")
        }
    }
}
