import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Back office: customers, proposals, invoices, failed emails")
struct BackOfficeDocumentTests {
    @Test("Customers: search; the page shows exactly what the portal shows now; view as client; invitation email")
    func customers() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let list = try await browser.get("/admin/customers?q=cece")
            #expect(list.body.contains("Cece MARK-CECE") && !list.body.contains("Bob MARK-BOB"))
            #expect(!(try await browser.get("/admin/customers").body.contains("MARK-DANA")))
            let page = try await browser.get("/admin/customers/\(Seed.cece)")
            let inPortal = try #require(page.body.components(separatedBy: "In their portal now").last?.components(separatedBy: "All proposals").first)
            for shown in ["MARK-CECE-OPEN", "MARK-CECE-EMAILED", "MARK-CECE-PORTALACCEPTED", "MARK-CECE-INV-UNPAID", "MARK-CECE-INV-PAIDRECENT"] {
                #expect(inPortal.contains(shown), "\(shown)")
            }
            for hidden in ["MARK-CECE-DRAFT", "MARK-CECE-ACTIVEJOB", "MARK-CECE-STAFFACCEPTED", "MARK-CECE-INV-VOIDED", "MARK-CECE-INV-PAIDOLD"] {
                #expect(!inPortal.contains(hidden), "\(hidden)")
            }
            #expect(page.body.contains("hidden: its job was created active") && page.body.contains("hidden: accepted by staff"))
            let asClient = try await browser.get("/admin/customers/\(Seed.cece)/portal")
            #expect(asClient.body.contains("Read-only") && asClient.body.contains("MARK-CECE-OPEN") && !asClient.body.contains("MARK-CECE-DRAFT"))
            #expect(!asClient.body.contains("<form method=\"post\" action=\"/portal"))
            let invited = try await browser.post("/admin/customers/\(Seed.cece)/invitation")
            #expect(invited.status == .seeOther)
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.contains("client portal") == true })
            #expect(mail.decodedBody.contains("\(PortalTestbed.base)/portal/greenleaf"))
            #expect(try await browser.get("/admin/customers/\(Seed.dana)").status == .notFound)
        }
        await bed.remove()
    }

    @Test("A proposal made, sent by email with its link, edited into a new version, accepted by staff and then locked")
    func proposalLifecycle() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            _ = try await browser.get("/admin/customers/\(Seed.cece)")
            let bad = try await browser.post("/admin/customers/\(Seed.cece)/proposals", [("jobId", "job-proposal"), ("title", "Hedges"), ("lines[r1][description]", "Trim"), ("lines[r1][unitPrice]", "abc")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("Line 1: Enter an amount in USD such as 12.50."))
            let created = try await browser.post("/admin/customers/\(Seed.cece)/proposals", [
                ("jobId", "job-proposal"), ("title", "Hedges"), ("lines[r1][description]", "Trim hedges"), ("lines[r1][quantity]", "2"),
                ("lines[r1][unitPrice]", "60"), ("lines[r2][description]", "Haul clippings"), ("lines[r2][unitPrice]", "25"),
                ("lines[r2][optional]", "yes"), ("taxPercent", "0"),
            ])
            let path = try #require(created.location)
            let draft = try await browser.get(path)
            #expect(draft.body.contains("Hedges") && draft.body.contains("draft") && draft.body.contains("$120.00"))
            let sent = try await browser.post("\(path)/send")
            #expect(sent.status == .seeOther)
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.contains("Hedges") == true })
            let link = try #require(mail.link(startingWith: "\(PortalTestbed.base)/p/"))
            let page = try await browser.get(path)
            #expect(page.body.contains("Delivered") && page.body.contains("proposalSent"))

            let revised = try await browser.post("\(path)/revise", [
                ("title", "Hedges, both sides"), ("lines[r1][description]", "Trim hedges"), ("lines[r1][quantity]", "3"), ("lines[r1][unitPrice]", "60"),
                ("taxPercent", "0"),
            ])
            let newPath = try #require(revised.location?.split(separator: "?").first.map(String.init))
            #expect(newPath != path)
            var clientBrowser = Browser(client)
            let old = try await clientBrowser.get(String(link.dropFirst(PortalTestbed.base.count)))
            #expect(old.body.contains("was updated") && old.body.contains("$180.00"))

            _ = try await browser.get(newPath)
            let accepted = try await browser.post("\(newPath)/accept", [("signature", "Cece by phone")])
            #expect(accepted.status == .seeOther)
            let lockedPage = try await browser.get(newPath)
            #expect(lockedPage.body.contains("accepted") && lockedPage.body.contains("Cece by phone") && !lockedPage.body.contains("Save changes"))
            let locked = try await browser.post("\(newPath)/revise", [("title", "More"), ("lines[r1][description]", "x"), ("lines[r1][unitPrice]", "1")])
            #expect(locked.status == .conflict && locked.body.contains("locked"))
            // Another proposal of the same job, at a higher version, is no newer version of an accepted one.
            try await bed.services.storage.proposals.insert(
                Proposal(accountID: Seed.accountA, jobID: "job-proposal", customerID: Seed.cece, version: 7, title: "Mulch",
                         lineItems: [LineItem(description: "Mulch", unitPrice: Money(cents: 5_000))], status: .sent, createdAt: bed.clock.now))
            #expect(!(try await browser.get(newPath)).body.contains("Newer version"))
            #expect(try await browser.get(path).body.contains("Newer version"))
        }
        await bed.remove()
    }

    @Test("An invoice made, sent, paid in part, marked paid; voiding a paid one is refused; a failed email flags it")
    func invoiceLifecycle() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            _ = try await browser.get("/admin/customers/\(Seed.bob)")
            let created = try await browser.post("/admin/customers/\(Seed.bob)/invoices", [
                ("title", ""), ("lines[r1][description]", "Fall clean-up"), ("lines[r1][unitPrice]", "300"), ("taxPercent", "0"),
            ])
            let path = try #require(created.location)
            let page = try await browser.get(path)
            #expect(page.body.contains("INV-1001") && page.body.contains("$300.00"))
            _ = try await browser.post("\(path)/send")
            let key = try #require(try await browser.get(path).hiddenField("idempotencyKey"))
            let partial = try await browser.post("\(path)/payments", [("idempotencyKey", key), ("amount", "100"), ("method", "check")])
            #expect(partial.status == .seeOther)
            _ = try await browser.post("\(path)/payments", [("idempotencyKey", key), ("amount", "100"), ("method", "check")])
            let id = Invoice.ID(rawValue: String(path.split(separator: "/").last!))
            #expect(try await bed.services.storage.invoices.find(id, in: Seed.accountA)?.balance == Money(cents: 20_000))
            _ = try await browser.get(path)
            _ = try await browser.post("\(path)/payments", [("method", "cash"), ("full", "yes")])
            #expect(try await bed.services.storage.invoices.find(id, in: Seed.accountA)?.isPaid == true)
            let void = try await browser.post("\(path)/void")
            #expect(void.status == .conflict && void.body.contains("cannot be voided"))

            // The send email fails for good: the invoice is flagged and the failure is listed.
            var message = try #require(try await bed.services.storage.outbox.all(about: .invoice(id), in: Seed.accountA).first)
            message.status = .failed
            message.lastError = "550 5.1.1 mailbox unavailable"
            try await bed.services.storage.outbox.update(message)
            let flagged = try await browser.get(path)
            #expect(flagged.body.contains("tag failed\">Email failed") && flagged.body.contains("550 5.1.1 mailbox unavailable"))
            let failures = try await browser.get("/admin/emails/failed")
            #expect(failures.body.contains("550 5.1.1") && failures.body.contains(path))
        }
        await bed.remove()
    }
}
