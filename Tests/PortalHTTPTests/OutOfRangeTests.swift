import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC M2: no request and no stored record can stop the server. Each case was found stopping it (a trap) and is
/// now a 4xx with nothing saved, or an error shown for that record alone.
@Suite("M2 out-of-range input and records")
struct OutOfRangeTests {
    /// The line: each number within its own check, their product (with 10 % tax) beyond any total.
    static var hugeLine: [String: Any] { ["description": "Huge", "quantity": 1_000_000, "unitPrice": 10_000_000_000] }

    @Test("M2: an invoice or a proposal whose total would leave the range is a 422 and nothing is saved; the server answers on")
    func apiRefusesHugeDocuments() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count
            let invoice = try await api.call(
                .post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": [Self.hugeLine], "taxRateBasisPoints": 1_000])
            #expect(invoice.status == .unprocessableContent)
            #expect(invoice.errorCode == "invalid")
            // 930 lines of 10^11 without tax: more lines than a document may have, and a sum beyond the range.
            let many = Array(repeating: ["description": "L", "quantity": 10, "unitPrice": 10_000_000_000] as [String: Any], count: 930)
            #expect(try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": many]).status == .unprocessableContent)
            let fewer = Array(many.prefix(400))
            let sum = try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": fewer])
            #expect(sum.status == .unprocessableContent)
            #expect((sum.object["error"] as? [String: Any])?["message"] as? String == "lines: The total is too large: split the work into several documents.")
            #expect(try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count == before)

            let jobs = try await bed.services.storage.jobs.all(for: Seed.cece, in: Seed.accountA)
            let job = try #require(jobs.first)
            let proposalsBefore = try await bed.services.storage.proposals.all(for: job.id, in: Seed.accountA).count
            let proposal = try await api.call(
                .post, "/api/v1/proposals",
                ["jobId": job.id.rawValue, "title": "Huge", "lines": [Self.hugeLine], "taxRateBasisPoints": 1_000])
            #expect(proposal.status == .unprocessableContent)
            // An optional line counts: the client could choose it.
            let optional = try await api.call(
                .post, "/api/v1/proposals",
                ["jobId": job.id.rawValue, "title": "Huge", "taxRateBasisPoints": 1_000,
                 "lines": [["description": "Small", "quantity": 1, "unitPrice": 100], Self.hugeLine.merging(["optional": true]) { $1 }]])
            #expect(optional.status == .unprocessableContent)
            #expect(try await bed.services.storage.proposals.all(for: job.id, in: Seed.accountA).count == proposalsBefore)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
        await bed.remove()
    }

    @Test("M2: a list offset beyond the bound is a 400, not a trap")
    func hugeOffset() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            for path in ["/api/v1/customers", "/api/v1/leads"] {
                let answer = try await api.call(.get, "\(path)?offset=9223372036854775807")
                #expect(answer.status == .badRequest, "\(path)")
                #expect(try await api.call(.get, "\(path)?offset=1000000000&limit=200").status == .ok, "\(path)")
            }
        }
        await bed.remove()
    }

    @Test("M2: the back office's new-invoice form refuses a total beyond the range, keeping the page, saving nothing")
    func formRefusesHugeInvoice() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/customers/\(Seed.cece)")
            let before = try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count
            var fields: [(String, String)] = [("title", ""), ("taxPercent", "10")]
            for row in 1...8 {
                fields += [("lines[r\(row)][description]", "Huge"), ("lines[r\(row)][quantity]", "1000000"), ("lines[r\(row)][unitPrice]", "99,999,999.99")]
            }
            let answer = try await browser.post("/admin/customers/\(Seed.cece)/invoices", fields)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.body.contains("too large"))
            #expect(try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count == before)
        }
        await bed.remove()
    }

    @Test("M2: an email template nested 800 levels deep is refused before parsing; one stored around the check renders as text")
    func deepTemplates() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/templates/loginLink")
            let deep = String(repeating: "{{#a}}", count: 800) + String(repeating: "{{/a}}", count: 800)
            let refused = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Your link"), ("text", deep + "{{link}}"), ("html", "<p>{{link}}</p>"), ("intent", "save"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("nests sections deeper than"))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.emailTemplates.isEmpty == true)
            let delimiters = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Your link"), ("text", "{{=<% %>=}}<%link%>"), ("html", "<p>{{link}}</p>"), ("intent", "save"),
            ])
            #expect(delimiters.status == .unprocessableContent)

            // Written straight into storage, as an older version or an import could have: sending still works.
            var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let deeper = String(repeating: "{{#a}}", count: 1_500) + String(repeating: "{{/a}}", count: 1_500)
            account.emailTemplates = [EmailTemplate(kind: .loginLink, subject: "Link", text: deeper + "{{link}}", html: "<p>{{link}}</p>")]
            try await bed.services.storage.accounts.update(account)
            var cece = Browser(client)
            _ = try await bed.loginLinkPath(for: "cece@example.com", browser: &cece)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
        await bed.remove()
    }

    @Test("M2: a stored invoice that cannot be totalled shows an error for that invoice alone; the server goes on")
    func storedOutOfRangeInvoice() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        var broken = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
        broken.lineItems = [LineItem(description: "Huge", quantity: 1_000_000, unitPrice: Money(cents: 10_000_000_000))]
        broken.taxRateBasisPoints = 1_000
        try await bed.services.storage.invoices.update(broken)
        let brokenID = broken.id
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let home = try await browser.get("/portal/greenleaf?show=all")
            #expect(home.status == .ok)
            #expect(home.body.contains(Formatting.unavailable))
            #expect(home.body.contains("MARK-CECE-INV-PAIDRECENT"))  // the others show as before
            let page = try await browser.get("/portal/greenleaf/invoices/\(brokenID)")
            #expect(page.status == .unprocessableContent)
            #expect(try await browser.get("/portal/greenleaf/invoices/\(brokenID)/pay").status == .unprocessableContent)
            let api = APIClient(client: client, token: token)
            let view = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/portal")
            #expect(view.status == .unprocessableContent)
            #expect(view.errorCode == "amount_out_of_range")
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            let customer = try await staff.get("/admin/customers/\(Seed.cece)")
            #expect(customer.status == .ok)
            #expect(customer.body.contains(Formatting.unavailable))
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
        await bed.remove()
    }

    @Test("M2: a stored proposal expiry of Int.max days sends the proposal with the last possible date, not a trap")
    func hugeExpirySetting() async throws {
        let bed = try await PortalTestbed()
        var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        account.settings.proposalExpiryDays = Int.max
        try await bed.services.storage.accounts.update(account)
        var draft = try #require(try await bed.services.storage.proposals.find(Seed.CeceProposal.draft, in: Seed.accountA))
        draft.expiresOn = nil
        try await bed.services.storage.proposals.update(draft)
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let sent = try await APIClient(client: client, token: token).call(.post, "/api/v1/proposals/\(Seed.CeceProposal.draft)/send")
            #expect(sent.status == .ok)
            #expect(sent["expiresOn"] as? String == "9999-12-31")
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            #expect(try await staff.get("/admin/templates/proposalSent").status == .ok)
        }
        await bed.remove()
    }

    @Test("M2: a stored password hash asking for bcrypt cost 31 matches nothing, at once, instead of a day of CPU")
    func hugeBcryptCost() async throws {
        let bed = try await PortalTestbed()
        var staff = try #require(try await bed.services.storage.staffUsers.all(in: Seed.accountA).first { $0.email == Seed.staffEmail })
        staff.passwordHash = BcryptHashing().hash(Seed.staffPassword).replacingOccurrences(of: "$2b$10$", with: "$2b$31$")
        try await bed.services.storage.staffUsers.update(staff)
        #expect(!BcryptHashing().verify(Seed.staffPassword, against: staff.passwordHash))
        #expect(BcryptHashing().verify(Seed.staffPassword, against: BcryptHashing().hash(Seed.staffPassword)))
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/admin/login")
            let answer = try await browser.post("/admin/login", [("email", Seed.staffEmail), ("password", Seed.staffPassword)])
            #expect(answer.status == .unauthorized)
        }
        await bed.remove()
    }
}
