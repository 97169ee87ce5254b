import PortalKernel
import Testing

@Suite("Portal view")
struct PortalViewTests {
    @Test("Applies both rule sets and leaves out proposals whose job is unknown or of another account")
    func filtersAndScopes() {
        let today = Fixture.date("2026-06-10")
        let visibleJob = Fixture.job(created: .lead)
        var activeJob = Fixture.job(created: .active)
        activeJob.id = "job-active"
        var foreignJob = Fixture.job(created: .lead)
        foreignJob.id = "job-foreign"
        foreignJob.accountID = "account-b"

        var shown = Fixture.proposal(status: .sent)
        var hiddenByP1 = Fixture.proposal(status: .sent)
        hiddenByP1.id = "p-active"
        hiddenByP1.jobID = activeJob.id
        var orphan = Fixture.proposal(status: .sent)
        orphan.id = "p-orphan"
        orphan.jobID = "job-missing"
        var foreign = Fixture.proposal(status: .sent)
        foreign.id = "p-foreign"
        foreign.jobID = foreignJob.id
        shown.id = "p-shown"

        let view = PortalView(
            proposals: [shown, hiddenByP1, orphan, foreign], jobs: [visibleJob, activeJob, foreignJob],
            invoices: [
                Fixture.invoice(dated: today, number: "INV-1"),
                Fixture.invoice(dated: today, voided: true, number: "INV-2"),
                Fixture.invoice(dated: today.adding(days: -1), number: "INV-3"),
            ],
            settings: AccountSettings(), today: today)
        #expect(view.proposals.map(\.id) == ["p-shown"])
        #expect(view.invoices.map(\.number) == ["INV-1", "INV-3"])
    }
}
