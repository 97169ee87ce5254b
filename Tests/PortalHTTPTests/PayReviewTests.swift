import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// Issue #18: the client sees what the card will be charged, computed by the server, before it is charged; no
/// script needed.
@Suite("The pay button states what will be charged")
struct PayReviewTests {
    typealias I = Seed.CeceInvoice

    static let card: [(String, String)] = [
        ("nameOnCard", "Cece Cunningham"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
    ]

    @Test("A changed amount is not charged: the page comes back with its charge to confirm; confirming charges exactly that")
    func changedAmountIsReviewed() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let path = "/portal/greenleaf/invoices/\(I.unpaid)/pay"
            let form = try await browser.get(path)
            #expect(form.body.contains("Pay $206.00"))
            #expect(form.hiddenField("confirmedAmount") == "200.00")
            let key = try #require(form.hiddenField("idempotencyKey"))

            let review = try await browser.post(
                path, [("idempotencyKey", key), ("amount", "50"), ("confirmedAmount", "200.00")] + Self.card)
            #expect(review.status == .ok)
            #expect(review.body.contains("<button type=\"submit\">Pay $51.50</button>"))
            #expect(review.body.contains("Paying $50.00 charges your card $51.50 with the $1.50 service fee. Nothing was charged yet"))
            #expect(review.hiddenField("confirmedAmount") == "50.00")
            #expect(review.hiddenField("idempotencyKey") == key)
            #expect(review.body.contains("name=\"amount\" value=\"50\""))
            // The card number and code are typed again, never written into a page.
            #expect(review.body.contains("<input type=\"text\" id=\"number\" name=\"cardNumber\" inputmode=\"numeric\" autocomplete=\"cc-number\">"))
            #expect(review.body.contains("<input type=\"text\" id=\"cvc\" name=\"securityCode\" inputmode=\"numeric\" autocomplete=\"cc-csc\">"))
            #expect(bed.gateway.charges.isEmpty)

            // Changed again on the review page: reviewed again, still nothing charged.
            let again = try await browser.post(
                path, [("idempotencyKey", key), ("amount", "60.00"), ("confirmedAmount", "50.00")] + Self.card)
            #expect(again.status == .ok && again.body.contains("Pay $61.80") && again.hiddenField("confirmedAmount") == "60.00")
            #expect(bed.gateway.charges.isEmpty)

            let paid = try await browser.post(
                path, [("idempotencyKey", key), ("amount", "60.00"), ("confirmedAmount", "60.00")] + Self.card)
            #expect(paid.status == .seeOther)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 6_180)])
            let invoice = try #require(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA))
            #expect(try invoice.balance == Money(cents: 14_000))
        }
        await bed.remove()
    }

    @Test("An amount that cannot be paid is refused at once, with the button still stating a charge it would take")
    func unpayableAmount() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let path = "/portal/greenleaf/invoices/\(I.unpaid)/pay"
            let key = try #require(try await browser.get(path).hiddenField("idempotencyKey"))
            let refused = try await browser.post(
                path, [("idempotencyKey", key), ("amount", "250.00"), ("confirmedAmount", "200.00")] + Self.card)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Pay $206.00") && refused.hiddenField("confirmedAmount") == "200.00")
            #expect(bed.gateway.charges.isEmpty)
        }
        await bed.remove()
    }
}
