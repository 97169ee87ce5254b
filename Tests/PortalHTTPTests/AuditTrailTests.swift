import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Portal audit trail")
struct AuditTrailTests {
    @Test("Login, views, acceptance, payment and logout are recorded with time, IP address and user agent")
    func clientActionsRecorded() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            browser.ipAddress = "198.51.100.23"
            browser.userAgent = "Mozilla/5.0 (iPhone)"
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)")
            _ = try await browser.post("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)/accept", [
                ("version", try #require(page.hiddenField("version"))), ("signature", "Cece Cunningham"), ("consent", "yes"), ("intent", "accept"),
            ])
            _ = try await browser.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)")
            let form = try await browser.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)/pay")
            _ = try await browser.post("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)/pay", [
                ("idempotencyKey", try #require(form.hiddenField("idempotencyKey"))), ("amount", "200"), ("nameOnCard", "Cece"),
                ("cardNumber", "4242424242424242"), ("expiry", "12/30"), ("securityCode", "123"),
            ])
            _ = try await browser.post("/portal/greenleaf/logout")
        }
        let events = try await bed.services.storage.auditEvents.recent(in: Seed.accountA, limit: 50).reversed()
        // The test clock stands still, so events share one instant: compare what was recorded, not its order.
        #expect(events.count == 6)
        #expect(Set(events.map(\.action)) == [.loggedIn, .proposalViewed, .proposalAccepted, .invoiceViewed, .invoicePaid, .loggedOut])
        #expect(events.allSatisfy { $0.ipAddress == "198.51.100.23" && $0.userAgent == "Mozilla/5.0 (iPhone)" })
        #expect(events.allSatisfy { $0.customerID == Seed.cece && $0.actorEmail == "cece@example.com" && $0.occurredAt >= PortalTestbed.now })
        #expect(events.first { $0.action == .invoicePaid }?.about == .invoice(Seed.CeceInvoice.unpaid))
        #expect(try await bed.services.storage.auditEvents.recent(in: Seed.accountB, limit: 50).isEmpty)
        await bed.remove()
    }
}
