import Foundation
import PortalKernel
import Testing

/// SPEC F12 (#24 point 3) through the portal, the back office and the API: the client turns autopay on with the
/// wording shown and off at once; staff and integrations only read it.
@Suite("Portal: autopay")
struct AutopayPageTests {
    static let methods = "/portal/\(Seed.keyA)/payment-methods"

    @Test("F12: with a card on file the client reads the wording, must tick to agree (422 beside the box otherwise), turns autopay on and off; staff see it on the customer's page and the API reads it, with the saved card and never its number")
    func onAndOff() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let empty = try await cece.get(Self.methods)
            #expect(empty.body.contains("Save a card when you pay an invoice, then turn autopay on here.") && !empty.body.contains("Turn on autopay"))
            let form = try await cece.get("/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/pay")
            _ = try await cece.post(
                "/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/pay",
                PaymentMethodTests.payFields(form, [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"), ("saveCard", "yes")]))

            let page = try await cece.get(Self.methods)
            #expect(page.body.contains("to charge my default card on file (now Visa ending 4242, expires 12/2030)"))
            let hash = try #require(page.hiddenField("wordingHash"))
            let unticked = try await cece.post("/portal/\(Seed.keyA)/autopay", [("wordingHash", hash)])
            #expect(unticked.status == .unprocessableContent && unticked.body.contains("Tick that you agree") && unticked.body.contains("aria-invalid=\"true\""))
            let stale = try await cece.post("/portal/\(Seed.keyA)/autopay", [("wordingHash", "0"), ("agree", "yes")])
            #expect(stale.status == .conflict && stale.body.contains("The wording changed since you read it"))
            let on = try await cece.post("/portal/\(Seed.keyA)/autopay", [("wordingHash", hash), ("agree", "yes")])
            #expect(on.status == .seeOther)
            let onPage = try await cece.get(try #require(on.location))
            #expect(onPage.body.contains("Autopay is on.") && onPage.body.contains("Turn off autopay"))

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let customer = try await staff.get("/admin/customers/\(Seed.cece)")
            #expect(customer.body.contains("On since") && customer.body.contains("agreed by cece@example.com"))

            let api = APIClient(client: client, token: token)
            let autopay = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/autopay")
            #expect(autopay["enabled"] as? Bool == true && (autopay["wording"] as? String)?.contains("Visa ending 4242") == true)
            let cards = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/payment-methods")
            let card = try #require((cards["data"] as? [[String: Any]])?.first)
            #expect(card["last4"] as? String == "4242" && card["isDefault"] as? Bool == true && card.keys.sorted() == ["brand", "expiryMonth", "expiryYear", "id", "isDefault", "last4", "savedAt"])

            let off = try await cece.post("/portal/\(Seed.keyA)/autopay/off")
            let offPage = try await cece.get(try #require(off.location))
            #expect(off.status == .seeOther && offPage.body.contains("Autopay is off"))
            #expect(try await api.call(.get, "/api/v1/customers/\(Seed.cece)/autopay")["enabled"] as? Bool == false)
            let events = try await bed.services.storage.auditEvents.all(about: .customer(Seed.cece), in: Seed.accountA).map(\.action)
            #expect(events.contains(.autopayEnabled) && events.contains(.autopayDisabled))
        }
        await bed.remove()
    }
}
