import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC F13 through the portal, the emailed link, the back office and the API: a proposal's deposit, accepting it
/// straight on to paying, and the choice of the whole amount.
@Suite("Portal: deposits on acceptance")
struct DepositPageTests {
    typealias P = Seed.CeceProposal
    static let portal = "/portal/\(Seed.keyA)"

    /// Gives `proposal` a deposit of 30 %, in an account that takes tips (a deposit does not).
    static func askDeposit(_ bed: PortalTestbed, _ proposal: Proposal.ID) async throws {
        var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        account.settings.allowsTips = true
        try await bed.services.storage.accounts.update(account)
        var stored = try #require(try await bed.services.storage.proposals.find(proposal, in: Seed.accountA))
        stored.deposit = .percentage(basisPoints: 3_000)
        try await bed.services.storage.proposals.update(stored)
    }

    /// Client A accepts ``Seed/CeceProposal/open`` in the portal; the pay page accepting leads to.
    static func acceptInPortal(_ cece: inout Browser) async throws -> String {
        let page = try await cece.get("\(portal)/proposals/\(P.open)")
        let accepted = try await cece.post(
            "\(portal)/proposals/\(P.open)/accept",
            [("version", try #require(page.hiddenField("version"))), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept")])
        #expect(accepted.status == .seeOther)
        return try #require(accepted.location)
    }

    @Test("F13: the proposal states the deposit; accepting it in the portal goes straight to paying it; the client switches to the whole amount and back before paying")
    func portalAcceptance() async throws {
        let bed = try await PortalTestbed()
        try await Self.askDeposit(bed, P.open)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get("\(Self.portal)/proposals/\(P.open)")
            // 3 × $40 + 8 % tax is $129.60; 30 % of it is $38.88.
            #expect(page.body.contains("Deposit on acceptance") && page.body.contains("$38.88 (30% of the total)"))
            #expect(page.body.contains("to pay the deposit now"))
            let payURL = try await Self.acceptInPortal(&cece)
            #expect(payURL.hasPrefix("\(Self.portal)/invoices/") && payURL.hasSuffix("/pay"))
            // The client is emailed the deposit invoice, which says what it is.
            try await bed.deliverMail()
            let email = try #require(try bed.mail.to("cece@example.com").last { $0.header("Subject")?.hasPrefix("Invoice INV-") == true })
            #expect(email.decodedBody.contains("It is the deposit on the $129.60 you accepted"))
            // Left unpaid, the accepted proposal's page leads back to it.
            #expect(try await cece.get("\(Self.portal)/proposals/\(P.open)").body.contains("href=\"\(payURL)\""))
            let pay = try await cece.get(payURL)
            // With account A's 3 % service fee: $38.88 + $1.17.
            #expect(pay.status == .ok && pay.body.contains("Pay $40.05") && pay.body.contains("This is the deposit, $38.88, of the $129.60 you accepted."))
            #expect(!pay.body.contains("Add a tip"))
            let choiceURL = payURL.replacingOccurrences(of: "/pay", with: "/deposit-choice")
            let unchosen = try await cece.post(choiceURL, [("choice", "everything")])
            #expect(unchosen.status == .unprocessableContent && unchosen.body.contains("Choose the deposit or the whole amount."))
            let whole = try await cece.post(choiceURL, [("choice", "whole")])
            #expect(whole.status == .seeOther && whole.location == payURL)
            let wholePage = try await cece.get(payURL)
            #expect(wholePage.body.contains("Pay $133.49") && wholePage.body.contains("Pay only the deposit, $38.88"))
            _ = try await cece.post(choiceURL, [("choice", "deposit")])
            #expect(try await cece.get(payURL).body.contains("Pay $40.05"))

            // Paid, it asks for what it asked for when paid.
            let form = try await cece.get(payURL)
            let paid = try await cece.post(
                payURL,
                PaymentMethodTests.payFields(form, [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123")]))
            #expect(paid.status == .seeOther && paid.location?.contains("/receipts/") == true)
            let invoiceURL = String(payURL.dropLast("/pay".count))
            #expect(try await cece.post(choiceURL, [("choice", "whole")]).location == invoiceURL)
            let invoice = try await cece.get(invoiceURL)
            #expect(invoice.body.contains("Deposit: ") && !invoice.body.contains("Pay Now"))
        }
        await bed.remove()
    }

    @Test("F13, M3: a pay page left open on the deposit while another tab switched to the whole amount charges nothing and says what is due now")
    func staleTab() async throws {
        let bed = try await PortalTestbed()
        try await Self.askDeposit(bed, P.open)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let payURL = try await Self.acceptInPortal(&cece)
            let firstTab = try await cece.get(payURL)
            _ = try await cece.post(payURL.replacingOccurrences(of: "/pay", with: "/deposit-choice"), [("choice", "whole")])
            let card = [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123")]
            let stale = try await cece.post(
                payURL, PaymentMethodTests.payFields(firstTab, card + [("shownBalance", firstTab.hiddenField("shownBalance") ?? "")]))
            #expect(stale.status == .conflict && stale.body.contains("changed since the page was shown: $129.60 is due now"))
            // The page comes back over the invoice as it is: its amount the new balance, not the deposit typed before.
            #expect(stale.body.contains("value=\"129.60\"") && stale.body.contains("Pay $133.49"))
            let invoiceID = Invoice.ID(rawValue: String(payURL.dropLast("/pay".count).split(separator: "/").last ?? ""))
            #expect(try await bed.services.storage.payments.all(for: invoiceID, in: Seed.accountA).isEmpty && bed.gateway.charges.isEmpty)
        }
        await bed.remove()
    }

    @Test("F13: accepted from the emailed link, the page thanks the client and links to paying the deposit in the portal; another client cannot switch it")
    func emailedLink() async throws {
        let bed = try await PortalTestbed()
        try await Self.askDeposit(bed, P.emailed)
        try await bed.run { client in
            var anyone = Browser(client)
            let link = "/p/\(Seed.emailedLinkToken.value)"
            let page = try await anyone.get(link)
            let done = try await anyone.post(
                "\(link)/accept",
                [("version", try #require(page.hiddenField("version"))), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept")])
            let thanks = try await anyone.get(try #require(done.location))
            #expect(thanks.body.contains("The deposit is due now, on invoice INV-"))
            let proposal = try #require(try await bed.services.storage.proposals.find(P.emailed, in: Seed.accountA))
            let deposit = try #require(try await ProposalAnswers(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)).depositInvoice(of: proposal, in: Seed.accountA))
            #expect(thanks.body.contains("href=\"\(Self.portal)/invoices/\(deposit.id)/pay\""))
            var bob = Browser(client)
            try await bed.logIn("bob@example.com", browser: &bob)
            #expect(try await bob.post("\(Self.portal)/invoices/\(deposit.id)/deposit-choice", [("choice", "whole")]).status == .notFound)
            #expect(try await bed.services.storage.invoices.find(deposit.id, in: Seed.accountA)?.deposit?.paysWhole == false)
        }
        await bed.remove()
    }

    @Test("F13: one email, two customers: the deposit's pay link, opened while the portal shows the other customer, offers the switch and goes on to paying; the switch goes nowhere outside the portal; another client's invoice stays a 404")
    func sharedEmail() async throws {
        let bed = try await PortalTestbed()
        let store = bed.services.storage
        let job = Job(accountID: Seed.accountA, customerID: Seed.patRental, title: "Rental hedges", createdStage: .proposal, createdAt: bed.clock.now)
        try await store.jobs.insert(job)
        let proposal = Proposal(
            accountID: Seed.accountA, jobID: job.id, customerID: Seed.patRental, title: "Rental hedges",
            lineItems: [LineItem(description: "Hedges", unitPrice: Money(cents: 20_000))], deposit: .percentage(basisPoints: 5_000), status: .sent,
            sentAt: bed.clock.now, createdAt: bed.clock.now)
        try await store.proposals.insert(proposal)
        let token = SecretToken.generate()
        try await store.proposalLinks.insert(ProposalLink(accountID: Seed.accountA, proposalID: proposal.id, tokenHash: token.hash, createdAt: bed.clock.now))
        try await bed.run { client in
            var anyone = Browser(client)
            let page = try await anyone.get("/p/\(token.value)")
            let done = try await anyone.post(
                "/p/\(token.value)/accept",
                [("version", try #require(page.hiddenField("version"))), ("signature", "Pat Rental"), ("consent", "yes"), ("intent", "accept")])
            let thanks = try await anyone.get(try #require(done.location))
            let payPath = try #require(thanks.body.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                .first { $0.hasSuffix("/pay") })

            var pat = Browser(client)
            try await bed.logIn("pat@example.com", browser: &pat)
            #expect(try await pat.get(Self.portal).body.contains("Pat home"))
            let offered = try await pat.get(payPath)
            #expect(offered.status == .ok && offered.body.contains("This invoice is Pat rental MARK-PATRENTAL"))
            let then = String(payPath.dropFirst(Self.portal.count))
            #expect(offered.body.contains("name=\"then\" value=\"\(then)\""))
            let switched = try await pat.post("\(Self.portal)/switch", [("customer", Seed.patRental.rawValue), ("then", then)])
            #expect(switched.location == payPath)
            #expect(try await pat.get(payPath).body.contains("This is the deposit"))
            for away in ["//evil.example/x", "https://evil.example/", "/../admin", "/\\evil"] {
                let elsewhere = try await pat.post("\(Self.portal)/switch", [("customer", Seed.patHome.rawValue), ("then", away)])
                #expect(elsewhere.location == Self.portal, "\(away)")
            }
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            #expect(try await cece.get(payPath).status == .notFound)
        }
        await bed.remove()
    }

    @Test("F13: staff set the account's default deposit, which a new proposal's form offers; a deposit that cannot be read is refused with what to type")
    func backOffice() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var admin = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &admin)
            let fields = AccentColourTests.fields + [("accentColor", "#2f7d32")]
            #expect(try await admin.post("/admin/settings", fields + [("defaultDeposit", "25 %")]).status == .seeOther)
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            #expect(account.settings.defaultDeposit == .percentage(basisPoints: 2_500))
            let bad = try await admin.post("/admin/settings", fields + [("defaultDeposit", "half")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("Enter a deposit as a percentage such as 30 % or an amount such as 250.00"))

            let customer = try await admin.get("/admin/customers/\(Seed.cece)")
            #expect(customer.body.contains("name=\"deposit\" value=\"25 %\""))
            let lines = [("jobId", "job-lead"), ("title", "Hedges"), ("lines[r1][description]", "Hedge"), ("lines[r1][quantity]", "1"), ("lines[r1][unitPrice]", "200"), ("taxPercent", "0")]
            let refused = try await admin.post("/admin/customers/\(Seed.cece)/proposals", lines + [("deposit", "150 %")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Enter a deposit percentage from 0.01 % to 100 %"))
            #expect(refused.body.contains("value=\"150 %\""))
            let made = try await admin.post("/admin/customers/\(Seed.cece)/proposals", lines + [("deposit", "50.00")])
            let proposalPage = try await admin.get(try #require(made.location))
            #expect(proposalPage.body.contains("Deposit on acceptance: $50.00") && proposalPage.body.contains("name=\"deposit\" value=\"50.00\""))
            // The proposal's email says the deposit is due on acceptance.
            #expect(try await admin.post("\(try #require(made.location))/send").status == .seeOther)
            try await bed.deliverMail()
            let email = try #require(try bed.mail.to("cece@example.com").last { $0.header("Subject")?.contains("Hedges") == true })
            #expect(email.decodedBody.contains("A deposit of $50.00 is due when you accept"))
        }
        await bed.remove()
    }

    @Test("F13: the API takes the account's default deposit when none is given, none for null, one of basisPoints or amount; the deposit invoice names its proposal")
    func api() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let setting = try await api.call(.patch, "/api/v1/settings", ["defaultDeposit": ["basisPoints": 4_000]])
            #expect(setting.status == .ok && (setting["defaultDeposit"] as? [String: Any])?["basisPoints"] as? Int == 4_000)
            let body: [String: Any] = ["jobId": "job-lead", "title": "Hedges", "lines": [["description": "Hedge", "quantity": 1, "unitPrice": 20_000]]]
            let defaulted = try await api.call(.post, "/api/v1/proposals", body)
            #expect(defaulted.status == .created && (defaulted["deposit"] as? [String: Any])?["basisPoints"] as? Int == 4_000)
            let none = try await api.call(.post, "/api/v1/proposals", body.merging(["deposit": NSNull()]) { $1 })
            #expect(none.status == .created && none["deposit"] == nil)
            let both = try await api.call(.post, "/api/v1/proposals", body.merging(["deposit": ["basisPoints": 10, "amount": 5]]) { $1 })
            #expect(both.status == .unprocessableContent)
            let over = try await api.call(.post, "/api/v1/proposals", body.merging(["deposit": ["basisPoints": 10_001]]) { $1 })
            #expect(over.status == .unprocessableContent)
            let nulled = try await api.call(.post, "/api/v1/proposals", body.merging(["deposit": ["amount": 1, "basisPoints": NSNull()]]) { $1 })
            #expect(nulled.status.code >= 400 && nulled.status.code < 500, "a null basisPoints is not read as left out: \(nulled.status)")
            let fixed = try await api.call(.post, "/api/v1/proposals", body.merging(["deposit": ["amount": 5_000]]) { $1 })
            let id = try #require(fixed["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/proposals/\(id)/send").status == .ok)
            let revised = try await api.call(.put, "/api/v1/proposals/\(id)", ["title": "Hedges", "lines": [["description": "Hedge", "quantity": 1, "unitPrice": 30_000]]])
            #expect((revised["deposit"] as? [String: Any])?["amount"] as? Int == 5_000)
            let newest = try #require(revised["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/proposals/\(newest)/accept", [:] as [String: Any]).status == .ok)
            let proposal = try #require(try await bed.services.storage.proposals.find(Proposal.ID(rawValue: newest), in: Seed.accountA))
            let deposit = try #require(try await ProposalAnswers(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)).depositInvoice(of: proposal, in: Seed.accountA))
            let invoice = try await api.call(.get, "/api/v1/invoices/\(deposit.id)")
            let terms = try #require(invoice["deposit"] as? [String: Any])
            #expect(terms["proposalId"] as? String == newest && terms["amount"] as? Int == 5_000 && terms["wholeAmount"] as? Int == 30_000)
            #expect(invoice["sentAt"] == nil && invoice["balance"] as? Int == 5_000)
        }
        await bed.remove()
    }
}
