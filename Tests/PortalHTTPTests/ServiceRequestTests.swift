import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import RuleLeadRouter
import Testing

@testable import PortalHTTP

@Suite("Portal service requests (lead form)")
struct ServiceRequestTests {
    static let filled: [(String, String)] = [
        ("name", "Jordan Rivers"), ("email", "Jordan@Example.net"), ("phone", "555-0142"),
        ("serviceAddress", "9 Birch Rd, Springfield, IL 62704"), ("services[]", "Tree care"), ("services[]", "Lawn care"),
        ("description", "A dead ash leaning over the drive <script>alert(1)</script>"), ("preferredDate", "2026-12-05"),
    ]

    @Test("?leadform=true: an anonymous visitor's request becomes a portal lead; every configured address and the client are emailed")
    func anonymousLead() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/portal/greenleaf?leadform=true")
            #expect(form.status == .ok)
            #expect(form.body.contains("Request service"))
            for label in ["for=\"name\"", "for=\"email\"", "for=\"phone\"", "for=\"serviceAddress\"", "for=\"description\"", "for=\"preferredDate\""] {
                #expect(form.body.contains(label))
            }
            let sent = try await browser.post("/portal/greenleaf/request-service", Self.filled)
            // POST, then a redirect to the thank-you page: reloading that page sends nothing again (#25).
            #expect(sent.status == .seeOther && sent.location == "/portal/greenleaf/request-service?done=sent")
            let thanks = try await browser.get(try #require(sent.location))
            #expect(thanks.status == .ok && thanks.body.contains("your request is on its way"))
            _ = try await browser.get(try #require(sent.location))
            #expect(try await bed.services.storage.leads.all(in: Seed.accountA).filter { $0.name == "Jordan Rivers" }.count == 1, "sent once")

            let lead = try #require(try await bed.services.storage.leads.all(in: Seed.accountA).first)
            #expect(lead.portalLead)
            #expect(lead.name == "Jordan Rivers" && lead.email == "jordan@example.net" && lead.phone == "555-0142")
            #expect(lead.servicesWanted == ["Tree care", "Lawn care"])
            #expect(lead.preferredDate == CalendarDate(iso: "2026-12-05"))
            let job = try #require(try await bed.services.storage.jobs.find(lead.jobID, in: Seed.accountA))
            #expect(job.createdStage == .lead && job.stage == .lead && job.portalLead && job.customerID == nil)

            let queued = try await bed.services.storage.outbox.all(about: .lead(lead.id), in: Seed.accountA)
            let recipients = Set(queued.flatMap { $0.email?.to.map(\.address) ?? [] })
            #expect(recipients == ["office@greenleaf.example", "owner@greenleaf.example", "jordan@example.net"])
            try await bed.deliverMail()
            let notice = try #require(try bed.mail.to("office@greenleaf.example").first)
            #expect(notice.decodedBody.contains("\(PortalTestbed.base)/admin/leads/\(lead.id)"))
            #expect(notice.decodedBody.contains("9 Birch Rd"))
            #expect(notice.decodedBody.contains("&lt;script&gt;"))
            #expect(try bed.mail.to("jordan@example.net").first?.decodedBody.contains("Thank you for your request") == true)
            let audit = try await bed.services.storage.auditEvents.all(about: .lead(lead.id), in: Seed.accountA)
            #expect(audit.map(\.action) == [.leadSubmitted])
            #expect(audit.first?.ipAddress == "203.0.113.10" && audit.first?.userAgent == "PortalTests/1.0 (phone)")
        }
        await bed.remove()
    }

    @Test("A bad request comes back with a message beside each field, what was typed kept, and nothing saved")
    func invalidKeepsInput() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/request-service")
            let page = try await browser.post("/portal/greenleaf/request-service", [
                ("name", "Jordan \"JR\" Rivers"), ("email", "not-an-email"), ("serviceAddress", ""), ("description", "Trim the hedge"),
                ("preferredDate", "2020-01-01"), ("services[]", "Landscaping"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Enter an email address"))
            #expect(page.body.contains("Enter the address where the work is needed"))
            #expect(page.body.contains("Choose today or a later date"))
            #expect(page.body.contains("value=\"Jordan &quot;JR&quot; Rivers\""))
            #expect(page.body.contains("value=\"not-an-email\""))
            #expect(page.body.contains(">Trim the hedge</textarea>"))
            #expect(page.body.contains("value=\"Landscaping\" checked"))
            #expect(try await bed.services.storage.leads.all(in: Seed.accountA).count == 2)  // the seeded ones only
            #expect(try await bed.services.storage.outbox.due(at: bed.clock.now, limit: 10).isEmpty)
        }
        await bed.remove()
    }

    @Test("A logged-in client gets the form prefilled, and the lead is attached to them")
    func loggedInClient() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let form = try await browser.get("/portal/greenleaf?leadform=true")
            #expect(form.body.contains("value=\"Cece MARK-CECE\""))
            #expect(form.body.contains("value=\"cece@example.com\""))
            #expect(form.body.contains("12 Oak St, Springfield, IL 62701</textarea>"))
            let sent = try await browser.post("/portal/greenleaf/request-service", [
                ("name", "Cece MARK-CECE"), ("email", "cece@example.com"), ("serviceAddress", "12 Oak St"), ("services[]", "Snow removal"),
                ("description", ""),
            ])
            #expect(sent.status == .seeOther)
            #expect(try await browser.get(try #require(sent.location)).body.contains("your request is on its way"))
            let lead = try #require(try await bed.services.storage.leads.all(in: Seed.accountA).first)
            #expect(try await bed.services.storage.jobs.find(lead.jobID, in: Seed.accountA)?.customerID == Seed.cece)
        }
        await bed.remove()
    }

    @Test("With the rules router, a portal lead reaches the recipients its rule names, assigned and tagged as the rule says")
    func ruleRouting() async throws {
        let router = RuleLeadRouter(rules: [
            LeadRule(name: "trees", words: ["tree"], recipients: ["arborist@greenleaf.example"], assignee: Seed.staffEmail, tags: ["trees", "urgent"]),
        ])
        let bed = try await PortalTestbed(leadRouter: router)
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf/request-service")
            #expect(try await visitor.post("/portal/greenleaf/request-service", Self.filled).status == .seeOther)
            let lead = try #require(try await bed.services.storage.leads.all(in: Seed.accountA).first)
            #expect(lead.assigneeID == "staff-sam" && lead.tags == ["trees", "urgent"])
            try await bed.deliverMail()
            #expect(try bed.mail.to("arborist@greenleaf.example").count == 1)
            #expect(try bed.mail.to("office@greenleaf.example").isEmpty)

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let row = try #require(try await staff.get("/admin/leads").body.components(separatedBy: "<tr>").first { $0.contains("Jordan Rivers") })
            #expect(row.contains("Staff staff-sam") && row.contains(">trees<") && row.contains(">urgent<"))
            let page = try await staff.get("/admin/leads/\(lead.id)")
            #expect(page.body.contains("Staff staff-sam") && page.body.contains(">urgent<"))
        }
        await bed.remove()
    }
}
