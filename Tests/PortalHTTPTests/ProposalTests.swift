import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Portal proposals")
struct ProposalTests {
    typealias P = Seed.CeceProposal

    @Test("The home shows exactly the proposals P1–P4 allow; a hidden one is a 404")
    func visibility() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let home = try await browser.get("/portal/greenleaf")
            for shown in ["MARK-CECE-OPEN", "MARK-CECE-EMAILED", "MARK-CECE-PORTALACCEPTED"] {
                #expect(home.body.contains(shown), "\(shown) should show")
            }
            for hidden in ["MARK-CECE-ACTIVEJOB", "MARK-CECE-DRAFT", "MARK-CECE-EXPIRED", "MARK-CECE-STAFFACCEPTED"] {
                #expect(!home.body.contains(hidden), "\(hidden) should not show")
            }
            #expect(try await browser.get("/portal/greenleaf/proposals/\(P.open)").status == .ok)
            let accepted = try await browser.get("/portal/greenleaf/proposals/\(P.acceptedInPortal)")
            #expect(accepted.status == .ok)
            #expect(accepted.body.contains("Accepted by Someone"))
            #expect(!accepted.body.contains("Accept proposal"))
            for hidden in [P.createdActive, P.draft, P.expired, P.acceptedByStaff] {
                #expect(try await browser.get("/portal/greenleaf/proposals/\(hidden)").status == .notFound, "\(hidden)")
            }
        }
        await bed.remove()
    }

    @Test("Accepting in the portal: optional item and typed name recorded, job active, stays as Accepted; twice records once")
    func acceptInPortal() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get("/portal/greenleaf/proposals/\(P.open)")
            #expect(page.body.contains("$129.60"))  // 3 × $40 + 8 % tax
            let version = try #require(page.hiddenField("version"))
            let action = "/portal/greenleaf/proposals/\(P.open)/accept"

            // "Update total" shows the total with the optional item; nothing is recorded.
            let review = try await browser.post(action, [("version", version), ("optional[]", P.optionalItem.rawValue), ("intent", "review"), ("signature", "Cece Cunningham")])
            #expect(review.status == .ok)
            #expect(review.body.contains("$156.60"))  // (120 + 25) × 1.08
            #expect(review.body.contains("value=\"Cece Cunningham\""))
            #expect(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA)?.status == .sent)

            // No consent: the form comes back with the name kept.
            let noConsent = try await browser.post(action, [("version", version), ("signature", "Cece Cunningham"), ("intent", "accept")])
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.body.contains("Tick the box"))
            #expect(noConsent.body.contains("value=\"Cece Cunningham\""))
            // No name: refused too.
            let noName = try await browser.post(action, [("version", version), ("consent", "yes"), ("intent", "accept")])
            #expect(noName.status == .unprocessableContent)
            #expect(noName.body.contains("Type your full name"))

            let accept: [(String, String)] = [
                ("version", version), ("optional[]", P.optionalItem.rawValue), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept"),
            ]
            let done = try await browser.post(action, accept)
            #expect(done.status == .seeOther)
            let proposal = try #require(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA))
            #expect(proposal.status == .accepted)
            #expect(proposal.acceptance?.via == .portal)
            #expect(proposal.acceptance?.signatureName == "Cece Cunningham")
            #expect(proposal.acceptance?.chosenOptionalItemIDs == [P.optionalItem])
            #expect(proposal.acceptance?.versionHash == proposal.contentHash)
            #expect(proposal.acceptance?.ipAddress == "203.0.113.10")
            #expect(try await bed.services.storage.jobs.find("job-lead", in: Seed.accountA)?.stage == .active)

            let shown = try await browser.get(try #require(done.location))
            #expect(shown.body.contains("the proposal is accepted"))
            #expect(shown.body.contains("$156.60"))
            let home = try await browser.get("/portal/greenleaf")
            #expect(home.body.contains("MARK-CECE-OPEN"))

            // The same form again (a double click, a second tab): nothing new.
            let twice = try await browser.post(action, accept)
            #expect(twice.status == .conflict)
            #expect(twice.body.contains("already accepted"))
            let accepts = try await bed.services.storage.auditEvents.all(about: .proposal(P.open), in: Seed.accountA)
                .filter { $0.action == .proposalAccepted }
            #expect(accepts.count == 1)
            #expect(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA)?.acceptance == proposal.acceptance)
        }
        await bed.remove()
    }

    @Test("Two acceptances at once record one")
    func concurrentAccepts() async throws {
        let bed = try await PortalTestbed()
        let proposal = try #require(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA))
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let answers = ProposalAnswers(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let outcomes = try await withThrowingTaskGroup(of: ProposalAnswers.Outcome.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await answers.accept(
                        P.open, account: account, via: .portal,
                        form: .init(signatureName: "Cece \(index)", chosenOptionalItemIDs: [], shownVersionHash: proposal.contentHash),
                        actor: Seed.cece, actorEmail: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .accepted = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { if case .alreadyAccepted = $0 { true } else { false } }.count == 7)
        await bed.remove()
    }

    @Test("A version changed since it was shown is not accepted")
    func changedVersion() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get("/portal/greenleaf/proposals/\(P.open)")
            let version = try #require(page.hiddenField("version"))
            var changed = try #require(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA))
            changed.lineItems[0].unitPrice = Money(cents: 5_000)
            try await bed.services.storage.proposals.update(changed)
            let refused = try await browser.post(
                "/portal/greenleaf/proposals/\(P.open)/accept",
                [("version", version), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("changed since you opened it"))
            #expect(refused.body.contains("$162.00"))  // the new version: 3 × $50 + 8 %
            #expect(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA)?.status == .sent)
        }
        await bed.remove()
    }

    @Test("Declining with a reason takes the proposal out of the portal")
    func decline() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get("/portal/greenleaf/proposals/\(P.open)")
            let declined = try await browser.post("/portal/greenleaf/proposals/\(P.open)/decline", [("reason", "Too pricey <b>now</b>")])
            #expect(declined.status == .seeOther)
            let home = try await browser.get(try #require(declined.location))
            #expect(home.body.contains("The proposal is declined"))
            #expect(!home.body.contains("MARK-CECE-OPEN"))
            let stored = try await bed.services.storage.proposals.find(P.open, in: Seed.accountA)
            #expect(stored?.status == .declined)
            #expect(stored?.declineReason == "Too pricey <b>now</b>")
            #expect(try await browser.get("/portal/greenleaf/proposals/\(P.open)").status == .notFound)
        }
        await bed.remove()
    }

    @Test("The emailed link shows the proposal without login; its GET accepts nothing; accepting there leaves the portal")
    func emailLink() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            let path = "/p/\(Seed.emailedLinkToken.value)"
            var scanner = Browser(client)
            for _ in 0..<3 {
                let page = try await scanner.get(path)
                #expect(page.status == .ok)
                #expect(page.body.contains("MARK-CECE-EMAILED"))
                #expect(page.body.contains("Accept proposal"))
            }
            #expect(try await bed.services.storage.proposals.find(P.emailed, in: Seed.accountA)?.status == .sent)

            var browser = Browser(client)
            let page = try await browser.get(path)
            let version = try #require(page.hiddenField("version"))
            let done = try await browser.post(
                "\(path)/accept", [("version", version), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept")])
            #expect(done.status == .seeOther)
            #expect(try await browser.get(try #require(done.location)).body.contains("the proposal is accepted"))
            #expect(try await bed.services.storage.proposals.find(P.emailed, in: Seed.accountA)?.acceptance?.via == .emailLink)

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            #expect(!(try await cece.get("/portal/greenleaf").body.contains("MARK-CECE-EMAILED")))
            #expect(try await cece.get("/portal/greenleaf/proposals/\(P.emailed)").status == .notFound)
        }
        await bed.remove()
    }

    @Test("One email, several customers: the switcher moves between them and nowhere else")
    func switcher() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("pat@example.com", browser: &browser)
            let home = try await browser.get("/portal/greenleaf")
            #expect(home.body.contains("Hello, Pat home MARK-PATHOME"))
            #expect(home.body.contains("Pat rental MARK-PATRENTAL"))
            let switched = try await browser.post("/portal/greenleaf/switch", [("customer", Seed.patRental.rawValue)])
            #expect(switched.status == .seeOther)
            #expect(try await browser.get("/portal/greenleaf").body.contains("Hello, Pat rental MARK-PATRENTAL"))
            // Not to a customer the email does not belong to.
            #expect(try await browser.post("/portal/greenleaf/switch", [("customer", Seed.cece.rawValue)]).status == .notFound)
            #expect(try await browser.get("/portal/greenleaf").body.contains("Hello, Pat rental"))
            // Cece has one customer: no switcher.
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            #expect(!(try await cece.get("/portal/greenleaf").body.contains("You are viewing")))
        }
        await bed.remove()
    }
}
