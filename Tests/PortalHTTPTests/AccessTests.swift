import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Portal access: scoping, headers, limits")
struct AccessTests {
    @Test("Another customer's proposal, invoice or receipt, of the same account or another, is the same 404 as none")
    func otherCustomersAreNotFound() async throws {
        let bed = try await PortalTestbed()
        // Bob pays his invoice, so there is a receipt of someone else's to ask for.
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let bob = try #require(try await bed.services.storage.customers.find(Seed.bob, in: Seed.accountA))
        let payments = InvoicePayments(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let outcome = try await payments.pay(
            Seed.bobInvoice, of: bob, account: account, amount: Money(cents: 20_000),
            card: CardDetails(number: "4242424242424242", expiryMonth: 1, expiryYear: 2031, securityCode: "123", nameOnCard: "Bob"),
            idempotencyKey: SecretToken.generate().value, actorEmail: nil, origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        guard case .paid(let bobPayment) = outcome else { Issue.record("Bob's payment: \(outcome)"); return }

        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let missing = try await browser.get("/portal/greenleaf/proposals/no-such-proposal")
            #expect(missing.status == .notFound)
            let paths = [
                "/portal/greenleaf/proposals/\(Seed.bobProposal)", "/portal/greenleaf/proposals/\(Seed.danaProposal)",
                "/portal/greenleaf/invoices/\(Seed.bobInvoice)", "/portal/greenleaf/invoices/\(Seed.danaInvoice)",
                "/portal/greenleaf/invoices/\(Seed.bobInvoice)/pay", "/portal/greenleaf/receipts/\(bobPayment.id)",
            ]
            for path in paths {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body == missing.body, "\(path) must look exactly like a missing record")
                #expect(!page.body.contains("MARK-BOB") && !page.body.contains("MARK-DANA"))
            }
            let posts: [(String, [(String, String)])] = [
                ("/portal/greenleaf/proposals/\(Seed.bobProposal)/accept", [("signature", "Cece"), ("consent", "yes"), ("intent", "accept")]),
                ("/portal/greenleaf/proposals/\(Seed.danaProposal)/decline", [("reason", "x")]),
                ("/portal/greenleaf/invoices/\(Seed.danaInvoice)/pay", [("amount", "1"), ("cardNumber", "4242424242424242")]),
            ]
            for (path, fields) in posts {
                #expect(try await browser.post(path, fields).status == .notFound, "\(path)")
            }
            #expect(try await bed.services.storage.proposals.find(Seed.bobProposal, in: Seed.accountA)?.status == .sent)
            #expect(try await bed.services.storage.proposals.find(Seed.danaProposal, in: Seed.accountB)?.status == .sent)
            // Cece's session means nothing in another company's portal.
            #expect(try await browser.get("/portal/otherco").body.contains("Send Login Link"))
            // Nothing of anyone else's on any of Cece's pages.
            for path in ["/portal/greenleaf", "/portal/greenleaf?show=all", "/portal/greenleaf/proposals/\(Seed.CeceProposal.open)"] {
                let body = try await browser.get(path).body
                #expect(!body.contains("MARK-BOB") && !body.contains("MARK-DANA") && !body.contains("MARK-PAT"), "\(path)")
            }
        }
        await bed.remove()
    }

    @Test("Pages need a login: anonymous visitors are sent to the login page")
    func anonymousRedirects() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            for path in ["/portal/greenleaf/proposals/\(Seed.CeceProposal.open)", "/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)",
                         "/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)/pay"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/portal/greenleaf/login")
            }
        }
        await bed.remove()
    }

    @Test("Security headers: a CSP with no inline script and no framing, nosniff, referrer policy, no caching of pages")
    func securityHeaders() async throws {
        let bed = try await PortalTestbed(settings: AccountSettings(leadFormAllowedOrigins: ["https://greenleaf-landscaping.example"]))
        try await bed.run { client in
            var browser = Browser(client)
            let login = try await browser.get("/portal/greenleaf/login")
            let csp = try #require(login.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline") && !csp.contains("script-src"))
            #expect(login.headers[.xContentTypeOptions] == "nosniff")
            #expect(login.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            #expect(login.headers[.cacheControl] == "no-store")
            #expect(!login.body.contains("<script") && !login.body.contains("style=\""))
            #expect(login.body.contains("<html lang=\"en\">"))
            let css = try await browser.get("/assets/portal.css")
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(css.body.contains("@media"))
            let theme = try await browser.get("/portal/greenleaf/theme.css")
            #expect(theme.body.contains("--accent: #1b5e20"))

            // Only the lead form may be framed, and only by the account's allow-listed sites.
            let leadForm = try await browser.get("/portal/greenleaf?leadform=true")
            #expect(leadForm.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self' https://greenleaf-landscaping.example") == true)
            let home = try await browser.get("/portal/greenleaf")
            #expect(home.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
        await bed.remove()
    }

    @Test("A body over the size limit is refused with 413 before anything happens")
    func bodyLimit() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/request-service")
            let huge = String(repeating: "a", count: 70 * 1_024)
            let page = try await browser.post("/portal/greenleaf/request-service", [("name", "Jo"), ("description", huge)])
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("This is more than the form takes"), "a page, not JSON (#25)")
            #expect(try await bed.services.storage.leads.all(in: Seed.accountA).count == 2)  // the seeded ones only
        }
        await bed.remove()
    }

    @Test("A colour that is not a plain hex colour never reaches the stylesheet")
    func themeColour() {
        #expect(PortalController.safeColour("#036") == "#036")
        #expect(PortalController.safeColour("#1b5e20") == "#1b5e20")
        #expect(PortalController.safeColour("red; } body { display:none") == "#2f7d32")
        #expect(PortalController.safeColour("#12345g") == "#2f7d32")
    }
}
