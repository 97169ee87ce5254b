import PortalKernel
import Testing

/// SPEC P1–P4, case by case.
@Suite("Proposal visibility (P1–P4)")
struct ProposalVisibilityTests {
    let today = Fixture.date("2026-06-10")

    private func verdict(
        created: Job.CreatedStage, stage: Job.Stage? = nil, _ proposal: Proposal
    ) -> ProposalVisibility.Verdict {
        ProposalVisibility.verdict(for: proposal, of: Fixture.job(created: created, stage: stage), today: today)
    }

    @Test("P1: a sent proposal shows when its job was created as a lead or a proposal", arguments: [
        Job.CreatedStage.lead, .proposal,
    ])
    func sentProposalOfLeadOrProposalJobShows(created: Job.CreatedStage) {
        #expect(verdict(created: created, Fixture.proposal(status: .sent)) == .awaitingAnswer)
    }

    @Test("P1: a job created active never shows its proposal")
    func jobCreatedActiveHides() {
        #expect(verdict(created: .active, Fixture.proposal(status: .sent)) == .hiddenJobCreatedActive)
    }

    @Test("P1: a job created active and reverted to the proposal stage still never shows its proposal")
    func jobCreatedActiveThenRevertedHides() {
        let verdict = verdict(created: .active, stage: .proposal, Fixture.proposal(status: .sent))
        #expect(verdict == .hiddenJobCreatedActive)
        #expect(!verdict.isVisible)
    }

    @Test("P1 wins over P3: even an acceptance in the portal does not show a job created active")
    func createdActiveBeatsPortalAcceptance() {
        #expect(!verdict(created: .active, Fixture.proposal(status: .accepted, acceptedVia: .portal)).isVisible)
    }

    @Test("P2: a draft never shows", arguments: [Job.CreatedStage.lead, .proposal])
    func draftHides(created: Job.CreatedStage) {
        #expect(verdict(created: created, Fixture.proposal(status: .draft)) == .hiddenDraft)
    }

    @Test("P2: a declined proposal disappears")
    func declinedHides() {
        #expect(verdict(created: .proposal, Fixture.proposal(status: .declined)) == .hiddenDeclined)
    }

    @Test("P2: a proposal marked expired disappears")
    func markedExpiredHides() {
        #expect(verdict(created: .proposal, Fixture.proposal(status: .expired)) == .hiddenExpired)
    }

    @Test("A version replaced by a newer one disappears (the newer one shows instead)")
    func supersededHides() {
        #expect(verdict(created: .proposal, Fixture.proposal(status: .superseded)) == .hiddenSuperseded)
    }

    @Test("P2: a sent proposal past its expiry date disappears before any sweep marks it")
    func pastExpiryDateHides() {
        let proposal = Fixture.proposal(status: .sent, expiresOn: today.adding(days: -1))
        #expect(verdict(created: .proposal, proposal) == .hiddenExpired)
    }

    @Test("P2: a sent proposal still shows on its last day")
    func lastDayShows() {
        let proposal = Fixture.proposal(status: .sent, expiresOn: today)
        #expect(verdict(created: .proposal, proposal) == .awaitingAnswer)
    }

    @Test("P3: accepted by the client in the portal stays, as accepted", arguments: [Job.CreatedStage.lead, .proposal])
    func acceptedInPortalStays(created: Job.CreatedStage) {
        let proposal = Fixture.proposal(status: .accepted, acceptedVia: .portal)
        #expect(verdict(created: created, stage: .completed, proposal) == .acceptedInPortal)
    }

    @Test("P3: accepted in the portal stays even long after its expiry date")
    func acceptedInPortalIgnoresExpiry() {
        let proposal = Fixture.proposal(status: .accepted, acceptedVia: .portal, expiresOn: today.adding(days: -400))
        #expect(verdict(created: .proposal, proposal).isVisible)
    }

    @Test("P4: accepted from the email link or by staff disappears", arguments: [AcceptanceChannel.emailLink, .staff])
    func acceptedElsewhereHides(channel: AcceptanceChannel) {
        let proposal = Fixture.proposal(status: .accepted, acceptedVia: channel)
        #expect(verdict(created: .proposal, proposal) == .hiddenAcceptedElsewhere(channel))
    }

    @Test("An accepted proposal without an acceptance record is not attributed to the client")
    func acceptedWithoutRecordHides() {
        #expect(!verdict(created: .lead, Fixture.proposal(status: .accepted)).isVisible)
    }

    @Test("isVisible agrees with the verdict for every status and channel")
    func isVisibleMatchesVerdict() {
        for status in Proposal.Status.allCases {
            for via in [nil] + AcceptanceChannel.allCases.map(Optional.some) {
                for created in Job.CreatedStage.allCases {
                    let proposal = Fixture.proposal(status: status, acceptedVia: via)
                    let job = Fixture.job(created: created)
                    let expected = ProposalVisibility.verdict(for: proposal, of: job, today: today).isVisible
                    #expect(ProposalVisibility.isVisible(proposal, of: job, today: today) == expected)
                }
            }
        }
    }
}
