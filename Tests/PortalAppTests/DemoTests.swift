import Foundation
import PortalApp
import PortalKernel
import Testing

@Suite("Demo company")
struct DemoTests {
    @Test("Seeding twice creates nothing twice, and the second run's password is the one that works")
    func idempotent() async throws {
        let fixture = try AppFixture()
        let bootstrap = try await fixture.bootstrap(try fixture.isolatedConfig())
        let storage = try await bootstrap.makeStorage(context: .init(logger: .init(label: "test"), clock: SystemClock()))
        let seeder = DemoSeeder(storage: storage, clock: SystemClock())
        let first = try await seeder.seed()
        let second = try await seeder.seed()
        #expect(first.created && !second.created)
        #expect(first.adminPassword != second.adminPassword)
        let account = first.account.id
        #expect(try await storage.accounts.all().count == 1)
        #expect(try await storage.customers.all(in: account).count == 3)
        #expect(try await storage.leads.all(in: account).count == 2)
        let admin = try #require(try await storage.staffUsers.find(email: second.adminEmail, in: account))
        #expect(admin.role == .admin)
        #expect(admin.passwordHash.hasPrefix("$2"))
        let summary = second.summary(publicBaseURL: "http://127.0.0.1:8080")
        #expect(summary.contains("http://127.0.0.1:8080/portal/greenleaf-demo"))
        #expect(summary.contains("http://127.0.0.1:8080/admin"))
        #expect(summary.contains("http://127.0.0.1:8080/metrics") && summary.contains("metrics.public"))
        #expect(summary.contains(second.adminPassword))
        // Each run prints a working emailed-proposal link.
        for result in [first, second] {
            let link = try #require(try await storage.proposalLinks.find(hash: result.proposalLinkToken.hash))
            #expect(link.proposalID == "demo-proposal-tree-planting")
        }
        #expect(summary.contains("http://127.0.0.1:8080/p/\(second.proposalLinkToken.value)"))
        #expect(summary.split(separator: "\n").contains { $0.contains("client") && $0.contains("cece@example.com") })
        try await storage.close()
        fixture.remove()
    }

    @Test("The sample client's portal shows exactly what the rules allow; one email reaches two customers")
    func exercisesEveryRule() async throws {
        let fixture = try AppFixture()
        let bootstrap = try await fixture.bootstrap(try fixture.isolatedConfig())
        let storage = try await bootstrap.makeStorage(context: .init(logger: .init(label: "test"), clock: SystemClock()))
        let result = try await DemoSeeder(storage: storage, clock: SystemClock()).seed()
        let account = result.account
        let cece = try #require(try await storage.customers.find(email: result.clientEmail, in: account.id).first)
        let proposals = try await storage.proposals.portalCandidates(for: cece.id, in: account.id)
        let jobs = try await storage.jobs.find(proposals.map(\.jobID), in: account.id)
        let invoices = try await storage.invoices.portalCandidates(for: cece.id, in: account.id)
        let view = PortalView(
            proposals: proposals, jobs: jobs, invoices: invoices, settings: account.settings, today: account.today(at: Date()))
        #expect(Set(view.proposals.map(\.id.rawValue)) == ["demo-proposal-spring-cleanup", "demo-proposal-tree-planting", "demo-proposal-accepted-portal"])
        #expect(Set(view.invoices.map(\.number)) == ["INV-1001", "INV-1002", "INV-1004", "INV-1007", "INV-1009"])
        // Every hidden reason occurs at least once among the sample's proposals.
        let verdicts = proposals.compactMap { proposal in
            jobs.first { $0.id == proposal.jobID }.map { ProposalVisibility.verdict(for: proposal, of: $0, today: account.today(at: Date())) }
        }
        #expect(verdicts.contains(.hiddenJobCreatedActive))
        #expect(verdicts.contains(.hiddenAcceptedElsewhere(.emailLink)))
        #expect(verdicts.contains(.hiddenAcceptedElsewhere(.staff)))
        #expect(verdicts.contains(.hiddenDeclined))
        #expect(verdicts.contains(.hiddenExpired))
        // Jobs in every stage, and both kinds of lead.
        var stages = Set<Job.Stage>()
        for customer in try await storage.customers.all(in: account.id) {
            stages.formUnion(try await storage.jobs.all(for: customer.id, in: account.id).map(\.stage))
        }
        let leads = try await storage.leads.all(in: account.id)
        stages.formUnion(try await storage.jobs.find(leads.map(\.jobID), in: account.id).map(\.stage))
        #expect(stages == Set(Job.Stage.allCases))
        #expect(Set(leads.map(\.portalLead)) == [true, false])
        let managed = try await storage.customers.find(email: result.sharedClientEmail, in: account.id)
        #expect(managed.count == 2)
        try await storage.close()
        fixture.remove()
    }
}
