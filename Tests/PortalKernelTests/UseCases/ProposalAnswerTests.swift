import Foundation
import PortalKernel
import Testing

/// Answering proposals through `ProposalAnswers` and `Quoting` on the in-memory store (#19, point 8): optional
/// items, declining, where each acceptance leaves the proposal, and revising.
@Suite("ProposalAnswers: choosing, declining, and where an answer leaves the proposal")
struct ProposalAnswerTests {
    static let hedge = LineItem(description: "Hedge trim", unitPrice: Money(cents: 5_000), isOptional: true)

    static func accept(
        _ proposal: Proposal, _ bed: UseCaseBed, via channel: AcceptanceChannel = .portal, signature: String = "Cece Cunningham",
        choosing chosen: Set<LineItem.ID> = []
    ) async throws -> ProposalAnswers.Outcome {
        let form = ProposalAnswers.AcceptanceForm(signatureName: signature, chosenOptionalItemIDs: chosen, shownVersionHash: proposal.contentHash)
        return try await ProposalAnswers(services: bed.services, emails: KindComposer()).accept(
            proposal.id, account: bed.account, via: channel, form: form, actor: channel == .portal ? bed.customer.id : nil,
            actorEmail: nil, origin: bed.origin)
    }

    static func visible(_ proposal: Proposal, _ bed: UseCaseBed) async throws -> Bool {
        try await CustomerPortal(services: bed.services).proposal(proposal.id, of: bed.customer.id, account: bed.account) != nil
    }

    @Test("F4: the chosen optional items are recorded with the signature and count in the total; a bad signature or an unknown item records nothing")
    func optionalItems() async throws {
        let bed = try await UseCaseBed()
        let proposal = try await bed.sentProposal(optional: [Self.hedge])
        #expect(try await Self.accept(proposal, bed, signature: " C ") == .invalid("Type your full name to sign."))
        guard case .changedSinceShown = try await Self.accept(proposal, bed, choosing: ["not-an-item"]) else {
            Issue.record("an unknown optional item was accepted")
            return
        }
        #expect(try await bed.services.storage.proposals.find(proposal.id, in: bed.account.id)?.status == .sent)

        guard case .accepted(let accepted) = try await Self.accept(proposal, bed, signature: "  Cece Cunningham ", choosing: [Self.hedge.id]) else {
            Issue.record("not accepted")
            return
        }
        #expect(accepted.acceptance?.signatureName == "Cece Cunningham")
        #expect(accepted.acceptance?.chosenOptionalItemIDs == [Self.hedge.id])
        #expect(accepted.acceptance?.ipAddress == "203.0.113.10")
        #expect(try accepted.total == Money(cents: 30_000))
        let events = try await bed.services.storage.auditEvents.all(about: .proposal(proposal.id), in: bed.account.id)
        #expect(events.map(\.action) == [.proposalAccepted])
        #expect(events.first?.detail == "Signed \"Cece Cunningham\" via portal; total USD 300.00")
    }

    @Test("F4: declining records the reason, leaves the portal and closes the proposal to any later answer")
    func decline() async throws {
        let bed = try await UseCaseBed()
        let answers = ProposalAnswers(services: bed.services, emails: KindComposer())
        let proposal = try await bed.sentProposal()
        func decline(_ reason: String) async throws -> ProposalAnswers.Outcome {
            try await answers.decline(proposal.id, account: bed.account, reason: reason, actor: bed.customer.id, actorEmail: "cece@example.com", origin: bed.origin)
        }
        #expect(try await decline(String(repeating: "r", count: 2_001)) == .invalid("Keep the reason under 2,000 characters."))
        guard case .declined(let declined) = try await decline("  Too dear this year. ") else {
            Issue.record("not declined")
            return
        }
        #expect(declined.status == .declined && declined.declineReason == "Too dear this year.")
        #expect(try await bed.services.storage.auditEvents.all(about: .proposal(proposal.id), in: bed.account.id).map(\.detail) == ["Too dear this year."])
        #expect(try await Self.visible(proposal, bed) == false)
        #expect(try await decline("again") == .closed(declined))
        #expect(try await Self.accept(proposal, bed) == .closed(declined))
        #expect(try await answers.decline("no-such-proposal", account: bed.account, reason: "", actor: nil, actorEmail: nil, origin: bed.origin) == .notFound)
    }

    @Test("F8, F9: accepted in the portal it stays there (P3); accepted by staff or by the emailed link it leaves (P4)")
    func whereAcceptanceLeavesIt() async throws {
        let cases: [(AcceptanceChannel, stays: Bool)] = [(.portal, true), (.staff, false), (.emailLink, false)]
        for (channel, stays) in cases {
            let bed = try await UseCaseBed()
            let proposal = try await bed.sentProposal()
            guard case .accepted(let accepted) = try await Self.accept(proposal, bed, via: channel) else {
                Issue.record("not accepted via \(channel)")
                continue
            }
            #expect(accepted.acceptance?.via == channel)
            #expect(try await Self.visible(proposal, bed) == stays, "accepted via \(channel)")
        }
    }

    @Test("F8, F9: revising a sent proposal sends a new version and closes the old one; an accepted one is locked")
    func revise() async throws {
        let bed = try await UseCaseBed()
        let desk = Quoting(services: bed.services, emails: KindComposer())
        let proposal = try await bed.sentProposal()
        let lines = [LineInput(description: "Clean-up and mulch", quantity: 1, unitPrice: 32_000)]
        let next = try await desk.revise(proposal.id, title: "Spring clean-up", lines: lines, taxRateBasisPoints: 0, deposit: nil, in: bed.account, by: nil)
        #expect(next.version == proposal.version + 1 && next.status == .sent)
        #expect(try await bed.services.storage.proposals.find(proposal.id, in: bed.account.id)?.status == .superseded)
        #expect(try await desk.newerVersion(of: proposal, in: bed.account.id)?.id == next.id)
        guard case .closed = try await Self.accept(proposal, bed) else {
            Issue.record("the old version was accepted")
            return
        }
        await #expect(throws: UseCaseError.conflict("This is an old version; change the newest one.")) {
            try await desk.revise(proposal.id, title: "Old", lines: lines, taxRateBasisPoints: 0, deposit: nil, in: bed.account, by: nil)
        }
        guard case .accepted = try await Self.accept(next, bed) else {
            Issue.record("the new version was not accepted")
            return
        }
        await #expect(throws: UseCaseError.conflict("This proposal was accepted and is locked. Create a new proposal for further work.")) {
            try await desk.revise(next.id, title: "More", lines: lines, taxRateBasisPoints: 0, deposit: nil, in: bed.account, by: nil)
        }
        #expect(try await bed.services.storage.proposals.find(next.id, in: bed.account.id)?.lineItems.map(\.description) == ["Clean-up and mulch"])
    }
}
