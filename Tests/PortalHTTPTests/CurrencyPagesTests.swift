import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC M1: every page, form field, email and gateway call shows and reads an amount in the account's currency.
@Suite("M1 money on every page and email, in USD, EUR, JPY and KWD")
struct CurrencyPagesTests {
    typealias I = Seed.CeceInvoice

    /// How one currency shows the seed's amounts. Cece's unpaid invoice is 12,345 minor units; her open proposal is
    /// 3 × 4,000 plus 8 % tax (12,960), with an optional 2,500; the service fee is 3 %: 370 on the invoice.
    struct Case: Sendable, CustomTestStringConvertible {
        let code: String
        /// 12,345 minor units, as pages show it.
        let invoice: String
        /// 12,345 minor units in the pay form's amount field.
        let field: String
        let proposalTotal: String
        let unitPrice: String
        /// 4,000 minor units in the back office's line-price field.
        let unitPriceField: String
        let optionalPrice: String
        let fee: String
        let charge: String
        /// A wrong reading that must appear nowhere (the 2-digit rendering of 12,345, or a 3-digit one).
        let wrong: String
        var testDescription: String { code }
    }

    static let cases = [
        Case(code: "USD", invoice: "$123.45", field: "123.45", proposalTotal: "$129.60", unitPrice: "$40.00", unitPriceField: "40.00",
             optionalPrice: "$25.00", fee: "$3.70", charge: "$127.15", wrong: "12,345"),
        Case(code: "EUR", invoice: "€123.45", field: "123.45", proposalTotal: "€129.60", unitPrice: "€40.00", unitPriceField: "40.00",
             optionalPrice: "€25.00", fee: "€3.70", charge: "€127.15", wrong: "12,345"),
        Case(code: "JPY", invoice: "¥12,345", field: "12345", proposalTotal: "¥12,960", unitPrice: "¥4,000", unitPriceField: "4000",
             optionalPrice: "¥2,500", fee: "¥370", charge: "¥12,715", wrong: "123.45"),
        Case(code: "KWD", invoice: "KWD\u{00A0}12.345", field: "12.345", proposalTotal: "KWD\u{00A0}12.960", unitPrice: "KWD\u{00A0}4.000",
             unitPriceField: "4.000", optionalPrice: "KWD\u{00A0}2.500", fee: "KWD\u{00A0}0.370", charge: "KWD\u{00A0}12.715", wrong: "123.45"),
    ]

    /// A testbed in `code` whose unpaid invoice for Cece is 12,345 minor units.
    static func testbed(_ code: String, settings: AccountSettings? = nil) async throws -> PortalTestbed {
        let bed = try await PortalTestbed(settings: settings, currencyCode: code)
        var invoice = try #require(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA))
        invoice.lineItems = [LineItem(description: "Lawn care", unitPrice: Money(cents: 12_345))]
        try await bed.services.storage.invoices.update(invoice)
        return bed
    }

    /// Opens the pay form of Cece's unpaid invoice and pays `amount` with the sandbox's approved card, confirming
    /// the charge of a changed amount.
    static func pay(_ amount: String, browser: inout Browser) async throws -> Browser.Page {
        try await browser.pay("/portal/greenleaf/invoices/\(I.unpaid)/pay", amount: amount, cardNumber: "4242 4242 4242 4242")
    }

    @Test("M1: portal home, invoice, proposal, pay form, receipt and the back office's pages show the currency's digits",
          arguments: cases)
    func pages(_ money: Case) async throws {
        let bed = try await Self.testbed(money.code)
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            let backInvoice = try await staff.get("/admin/invoices/\(I.unpaid)")
            #expect(backInvoice.body.contains("<dd>\(money.invoice)</dd>"))
            #expect(backInvoice.body.contains("name=\"amount\" value=\"\(money.field)\""))
            let backProposal = try await staff.get("/admin/proposals/\(Seed.CeceProposal.open)")
            #expect(backProposal.body.contains(money.proposalTotal) && backProposal.body.contains(money.unitPrice))
            #expect(backProposal.body.contains("value=\"\(money.unitPriceField)\""))

            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let home = try await browser.get("/portal/greenleaf")
            #expect(home.body.contains(money.invoice) && home.body.contains(money.proposalTotal))
            let invoice = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)")
            #expect(invoice.body.contains(money.invoice))
            let proposal = try await browser.get("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)")
            #expect(proposal.body.contains(money.unitPrice) && proposal.body.contains(money.optionalPrice))
            #expect(proposal.body.contains(money.proposalTotal))

            let form = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay")
            #expect(form.body.contains("name=\"amount\" value=\"\(money.field)\""))
            #expect(form.body.contains(money.fee) && form.body.contains("Pay \(money.charge)"))
            // The prefilled amount, submitted untouched, pays exactly the balance.
            let paid = try await Self.pay(money.field, browser: &browser)
            #expect(paid.status == .seeOther)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 12_715)])
            #expect(bed.gateway.charges.map(\.currencyCode) == [money.code])
            #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.balance == .zero)
            let receipt = try await browser.get(try #require(paid.location))
            #expect(receipt.body.contains(money.invoice) && receipt.body.contains(money.charge) && receipt.body.contains(money.fee))

            for page in [backInvoice, backProposal, home, invoice, proposal, form, receipt] {
                #expect(!page.body.contains(money.wrong))
            }
        }
        await bed.remove()
    }

    @Test("M1: the invoice-sent, proposal-sent and receipt emails show the currency's digits", arguments: cases)
    func emails(_ money: Case) async throws {
        let bed = try await Self.testbed(money.code)
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            #expect(try await staff.post("/admin/invoices/\(I.unpaid)/send").status == .seeOther)
            #expect(try await staff.post("/admin/proposals/\(Seed.CeceProposal.open)/send").status == .seeOther)
            try await bed.deliverMail()  // before the login email, which must be the newest
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            #expect(try await Self.pay(money.field, browser: &browser).status == .seeOther)
            try await bed.deliverMail()
            let mails = try bed.mail.to("cece@example.com").map(\.decodedBody)
            let invoiceSent = try #require(mails.first { $0.contains("Invoice MARK-CECE-INV-UNPAID from") })
            #expect(invoiceSent.contains("\(money.invoice), \(money.invoice) due"))
            let proposalSent = try #require(mails.first { $0.contains("sent you a proposal") })
            #expect(proposalSent.contains(money.proposalTotal))
            let receipt = try #require(mails.first { $0.contains("Thank you for your payment") })
            #expect(receipt.contains(money.invoice) && receipt.contains(money.fee) && receipt.contains(money.charge))
            for mail in [invoiceSent, proposalSent, receipt] {
                #expect(!mail.contains(money.wrong))
            }
        }
        await bed.remove()
    }
}
