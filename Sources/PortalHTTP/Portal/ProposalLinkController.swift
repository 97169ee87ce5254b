import Hummingbird
import PortalKernel

/// `/p/{token}`: the proposal from an emailed link, without logging in (SPEC F8). Its `GET` only shows; only the
/// accept and decline forms' `POST`s change anything, so a mail scanner opening the link accepts nothing (F3).
/// Accepting here records `acceptedVia = emailLink`, so the proposal then leaves the portal (P4).
struct ProposalLinkController: RouteController {
    typealias Context = ClientRequestContext

    /// Draws the proposal page in the account's branding, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Opens the emailed link (or its newer version), and accepts or declines through it (SPEC F8).
    let answers: ProposalAnswers
    /// Records that the proposal was viewed.
    let portal: CustomerPortal
    /// The link names the account, so the client is found here, once the link is opened.
    let clientAuthenticator: ClientSessionAuthenticator

    func register(on router: RouteCollection<Context>) {
        router.get("p/:token") { request, context in
            try await withProposal(request, context) { visit, proposal, place in
                try await portal.recordView(
                    .proposalViewed, of: .proposal(proposal.id), account: visit.account, customer: proposal.customerID,
                    email: nil, origin: visit.origin)
                let accepted = request.uri.queryParameters.get("done") == "accepted" && proposal.status == .accepted
                // SPEC F13: the deposit is paid in the portal, where the client logs in with their email.
                let deposit = accepted ? try await answers.depositInvoice(of: proposal, in: visit.account.id) : nil
                let notice = !accepted ? nil : deposit.map { "Thank you: the proposal is accepted. The deposit is due now, on invoice \($0.number)." }
                    ?? "Thank you: the proposal is accepted. We will be in touch to schedule the work."
                return try ProposalResponder(front: front, answers: answers).show(
                    proposal, visit: visit, place: place, notice: notice, depositPayURL: deposit.map { visit.path("/invoices/\($0.id)/pay") })
            }
        }
        router.post("p/:token/accept") { request, context in
            try await withProposal(request, context) { visit, proposal, place in
                try await ProposalResponder(front: front, answers: answers).accept(proposal, visit: visit, place: place, context: context) { _ in
                    visit.redirect(to: "\(place.actionBase)?done=accepted")
                }
            }
        }
        router.post("p/:token/decline") { request, context in
            try await withProposal(request, context) { visit, proposal, place in
                try await ProposalResponder(front: front, answers: answers).decline(proposal, visit: visit, place: place, context: context) {
                    visit.page(
                        "message",
                        MessagePage(
                            chrome: visit.chrome("Proposal declined"), heading: "The proposal is declined",
                            paragraphs: ["Thank you for letting us know. \(visit.account.branding.displayName) will be in touch if you asked for changes."]))
                }
            }
        }
    }

    /// Runs `body` with the link's proposal, or answers the plain 404 page for a link that does not exist.
    private func withProposal(
        _ request: Request, _ context: Context, _ body: (PortalVisit, Proposal, ProposalResponder.Place) async throws -> Response
    ) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let (account, proposal, replaced) = try await answers.openLink(token: token) else {
            return PortalVisit.notFoundPage(front: front, request: request)
        }
        // An old version's link shows the newest version, saying so.
        let note = replaced ? "This proposal was updated since it was sent to you. This is the current version." : nil
        // The link names the account, so its client is known only now; a client of the account sees their layout.
        var context = context
        context.account = account
        context.identity = try await clientAuthenticator.authenticate(request: request, context: context)
        let visit = try PortalVisit(request, context: context, front: front)
        let place = ProposalResponder.Place(
            channel: .emailLink, actionBase: "/p/\(token)", backURL: nil, actor: proposal.customerID, actorEmail: nil, note: note)
        return try await body(visit, proposal, place)
    }
}
