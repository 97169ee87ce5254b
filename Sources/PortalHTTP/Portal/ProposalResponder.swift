import Hummingbird
import PortalKernel

/// Shows a proposal and handles its accept and decline forms, for the portal and the emailed link alike.
struct ProposalResponder: Sendable {
    struct AnswerForm: PortalForm {
        var csrf: String?
        /// ``Proposal/contentHash`` of the version shown.
        var version: String?
        var optional: [String]?
        var signature: String?
        var consent: String?
        /// `review` to update the total with the ticked items, `accept` to accept.
        var intent: String?
    }

    struct DeclineForm: PortalForm {
        var csrf: String?
        var reason: String?
    }

    /// Where a proposal is answered: the portal (a logged-in client) or its emailed link (anyone holding it).
    struct Place: Sendable {
        let channel: AcceptanceChannel
        /// The path the proposal's forms post under (`…/accept`, `…/decline`).
        let actionBase: String
        /// Where "back" goes; `nil` when there is nowhere to go back to.
        let backURL: String?
        let actor: Customer.ID?
        let actorEmail: String?
        /// Said on every page of this place (an old link's "this proposal was updated").
        var note: String?
    }

    let front: BrowserFront
    let answers: ProposalAnswers

    /// The proposal page; `depositPayURL` offers paying the deposit invoice accepting made (SPEC F13); `files` are
    /// those staff shared on it (SPEC F17; the emailed link's page shows none).
    func show(
        _ proposal: Proposal, visit: PortalVisit, place: Place, notice: String? = nil, depositPayURL: String? = nil,
        files: [PortalController.SharedFile] = [], pdfURL: String? = nil
    ) throws -> Response {
        var page = try ProposalPage(
            proposal: proposal, visit: visit, typed: .init(chosen: []), actionBase: place.actionBase, backURL: place.backURL)
        page.notice = notice ?? place.note
        page.depositPayURL = depositPayURL
        page.files = files
        page.pdfURL = pdfURL
        return visit.page("proposal", page)
    }

    /// `POST …/accept`: "Update total" re-renders with the ticked items; "Accept" records the acceptance.
    func accept(
        _ proposal: Proposal, visit: PortalVisit, place: Place, context: some RequestContext,
        accepted: (Proposal) async throws -> Response
    ) async throws -> Response {
        let form = try await visit.form(AnswerForm.self, context: context)
        var typed = ProposalPage.Typed(
            chosen: Set((form.optional ?? []).map { LineItem.ID(rawValue: $0) }), signature: form.signature ?? "",
            consent: form.consent == "yes")
        func again(_ shown: Proposal, status: HTTPResponse.Status, errors: FormErrors = FormErrors()) throws -> Response {
            var page = try ProposalPage(proposal: shown, visit: visit, typed: typed, actionBase: place.actionBase, backURL: place.backURL)
            page.errors = errors
            return visit.page("proposal", page, status: status)
        }
        if form.intent == "review" { return try again(proposal, status: .ok) }
        guard typed.consent else {
            // Every problem at once: the signature is checked too.
            var errors = FormErrors()
            if let problem = ProposalAnswers.AcceptanceForm.signatureProblem(typed.signature) { errors.add(problem, field: "signature") }
            errors.add("Tick the box to agree before you accept.", field: "consent")
            return try again(proposal, status: .unprocessableContent, errors: errors)
        }
        let outcome = try await answers.accept(
            proposal.id, account: visit.account, via: place.channel,
            form: .init(signatureName: typed.signature, chosenOptionalItemIDs: typed.chosen, shownVersionHash: form.version ?? ""),
            actor: place.actor, actorEmail: place.actorEmail, origin: visit.origin)
        switch outcome {
        case .accepted(let done):
            return try await accepted(done)
        case .alreadyAccepted(let current):
            return try again(current, status: .conflict, errors: FormErrors("This proposal was already accepted; nothing more to do."))
        case .changedSinceShown(let current):
            typed.chosen = []
            return try again(
                current, status: .conflict,
                errors: FormErrors("This proposal changed since you opened it. Please review it again before you accept."))
        case .closed(let current):
            return try again(current, status: .conflict, errors: FormErrors("This proposal can no longer be accepted. Contact us for a new one."))
        case .invalid(let message):
            return try again(proposal, status: .unprocessableContent, errors: FormErrors(message, field: "signature"))
        case .declined, .notFound:
            return visit.notFound()
        }
    }

    /// `POST …/decline`: records the decline and its reason.
    func decline(
        _ proposal: Proposal, visit: PortalVisit, place: Place, context: some RequestContext,
        declined: () -> Response
    ) async throws -> Response {
        let form = try await visit.form(DeclineForm.self, context: context)
        let outcome = try await answers.decline(
            proposal.id, account: visit.account, reason: form.reason ?? "", actor: place.actor,
            actorEmail: place.actorEmail, origin: visit.origin)
        switch outcome {
        case .declined:
            return declined()
        case .invalid(let message):
            var page = try ProposalPage(
                proposal: proposal, visit: visit, typed: .init(chosen: [], reason: form.reason ?? ""),
                actionBase: place.actionBase, backURL: place.backURL)
            page.errors.add(message, field: "reason")
            return visit.page("proposal", page, status: .unprocessableContent)
        case .alreadyAccepted(let current), .closed(let current), .changedSinceShown(let current):
            var page = try ProposalPage(proposal: current, visit: visit, typed: .init(chosen: []), actionBase: place.actionBase, backURL: place.backURL)
            page.errors.add("This proposal can no longer be declined.")
            return visit.page("proposal", page, status: .conflict)
        case .accepted, .notFound:
            return visit.notFound()
        }
    }
}
