import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC M1: the pay form, the record-payment form and the line prices read typed amounts in the account's currency,
/// and refuse what they cannot read with a hint beside the field, keeping what was typed.
@Suite("M1 typed amounts in the portal and back-office forms")
struct CurrencyFormsTests {
    typealias I = Seed.CeceInvoice
    static let partialNoFee = AccountSettings(allowsPartialPayments: true)

    @Test("M1: on a JPY account a payment typed 5000 charges 5,000 yen at the gateway")
    func yenPayment() async throws {
        try await Self.visit("JPY", settings: Self.partialNoFee, as: .cece) { bed, browser in
            let paid = try await CurrencyPagesTests.pay("5000", browser: &browser)
            #expect(paid.status == .seeOther)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 5_000)])
            #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.balance == Money(cents: 7_345))
            let receipt = try await browser.get(try #require(paid.location))
            #expect(receipt.body.contains("¥5,000") && receipt.body.contains("¥7,345"))

            let refused = try await CurrencyPagesTests.pay("5.5", browser: &browser)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("JPY amounts are whole numbers, such as 5000."))
            let tooMuch = try await CurrencyPagesTests.pay("8,000", browser: &browser)
            #expect(tooMuch.body.contains("The amount is more than the JPY 7,345 due."))
            #expect(bed.gateway.charges.count == 1)
        }
    }

    @Test("M1: on a EUR account 12,50 and 1,0,0 are refused with the hint, what was typed stays, nothing is charged")
    func euroComma() async throws {
        try await Self.visit("EUR", settings: Self.partialNoFee, as: .cece) { bed, browser in
            for typed in ["12,50", "1,0,0"] {
                let refused = try await CurrencyPagesTests.pay(typed, browser: &browser)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("name=\"amount\" value=\"\(typed)\""))
                #expect(refused.body.contains("<p class=\"error-text\" id=\"amount-error\">Use a dot for cents: 12.50."))
            }
            #expect(bed.gateway.charges.isEmpty)
            #expect(try await CurrencyPagesTests.pay("12.50", browser: &browser).status == .seeOther)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 1_250)])
        }
    }

    @Test("M1: the back office records a payment in the currency's digits and refuses 12,50 beside the field")
    func recordPayment() async throws {
        try await Self.visit("KWD", as: .admin) { bed, staff in
            let path = "/admin/invoices/\(I.unpaid)"
            let page = try await staff.get(path)
            let key = try #require(page.hiddenField("idempotencyKey"))
            let refused = try await staff.post("\(path)/payments", [("idempotencyKey", key), ("amount", "12,50"), ("method", "check")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("name=\"amount\" value=\"12,50\""))
            #expect(refused.body.contains("<p class=\"error-text\" id=\"amount-error\">Use a dot for decimals: 12.500."))
            let recorded = try await staff.post("\(path)/payments", [("idempotencyKey", key), ("amount", "1.234"), ("method", "check")])
            #expect(recorded.status == .seeOther)
            #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.balance == Money(cents: 11_111))
            let events = try await bed.services.storage.auditEvents.all(about: .invoice(I.unpaid), in: Seed.accountA)
            #expect(events.contains { $0.detail?.hasPrefix("KWD 1.234 by check") == true })
            let tooMuch = try await staff.post("\(path)/payments", [("amount", "20"), ("method", "check")])
            #expect(tooMuch.body.contains("The amount is more than the KWD 11.111 due."))
        }
    }

    @Test("M1: line prices are read in the currency's digits: JPY 4,000 is 4,000 yen; 40,00 is refused beside the line, as typed")
    func linePrices() async throws {
        try await Self.visit("JPY", as: .admin) { bed, staff in
            _ = try await staff.get("/admin/customers/\(Seed.cece)")
            let refused = try await staff.post("/admin/customers/\(Seed.cece)/invoices", [
                ("lines[r1][description]", "Trim"), ("lines[r1][unitPrice]", "40,00"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Line 1: JPY amounts have no decimals"))
            // The invoice form comes back as typed, the hint beside the price; the proposal form stays empty.
            #expect(refused.body.contains("id=\"d1-i\" name=\"lines[r1][description]\" value=\"Trim\""))
            #expect(refused.body.contains("id=\"p1-i\" name=\"lines[r1][unitPrice]\" value=\"40,00\""))
            #expect(refused.body.contains("value=\"40,00\" inputmode=\"decimal\" aria-invalid=\"true\" aria-describedby=\"p1-i-error\">\n<p class=\"error-text\" id=\"p1-i-error\">Line 1: JPY amounts have no decimals"))
            #expect(refused.body.contains("id=\"d1-p\" name=\"lines[r1][description]\" value=\"\""))
            let created = try await staff.post("/admin/customers/\(Seed.cece)/invoices", [
                ("lines[r1][description]", "Trim"), ("lines[r1][quantity]", "2"), ("lines[r1][unitPrice]", "4,000"),
            ])
            let invoice = try await staff.get(try #require(created.location))
            #expect(invoice.body.contains("<dd>¥8,000</dd>"))

            let revise = "/admin/proposals/\(Seed.CeceProposal.open)/revise"
            let kept = try await staff.post(revise, [
                ("title", "Mulch"), ("lines[r1][description]", "Mulch beds"), ("lines[r1][quantity]", "3"), ("lines[r1][unitPrice]", "4.5"),
                ("taxPercent", "8"),
            ])
            #expect(kept.status == .unprocessableContent)
            #expect(kept.body.contains("value=\"4.5\" inputmode=\"decimal\" aria-invalid=\"true\" aria-describedby=\"p1-r-error\">\n<p class=\"error-text\" id=\"p1-r-error\">Line 1: JPY amounts are whole numbers"))
            let revised = try await staff.post(revise, [
                ("title", "Mulch"), ("lines[r1][description]", "Mulch beds"), ("lines[r1][quantity]", "3"), ("lines[r1][unitPrice]", "4,500"),
                ("taxPercent", "0"),
            ])
            #expect(try await staff.get(try #require(revised.location)).body.contains("¥13,500"))
        }
    }

    enum Visitor { case admin, cece }

    /// Runs `body` with `visitor` logged in (the admin to the back office, Cece to her portal) on a testbed in `code`
    /// (see ``CurrencyPagesTests/testbed(_:settings:)``).
    static func visit(
        _ code: String, settings: AccountSettings? = nil, as visitor: Visitor,
        _ body: @escaping @Sendable (PortalTestbed, inout Browser) async throws -> Void
    ) async throws {
        let bed = try await CurrencyPagesTests.testbed(code, settings: settings)
        try await bed.run { client in
            var browser = Browser(client)
            switch visitor {
            case .admin: try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            case .cece: try await bed.logIn("cece@example.com", browser: &browser)
            }
            try await body(bed, &browser)
        }
        await bed.remove()
    }
}
