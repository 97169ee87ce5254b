import Foundation
import HTTPTypes
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC F15 through the portal's statement, the back office's refund form and the API's refunds.
@Suite("Portal: statement, Pay all and refunds")
struct StatementPageTests {
    static let statement = "/portal/\(Seed.keyA)/statement"
    static let card = [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123")]

    /// A second open invoice of client A's, of 50.00.
    static func secondInvoice(_ bed: PortalTestbed) async throws -> Invoice {
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let invoice = Invoice(
            accountID: Seed.accountA, customerID: Seed.cece, number: "MARK-CECE-SECOND", invoiceDate: account.today(at: bed.clock.now),
            lineItems: [LineItem(description: "Leaf removal", unitPrice: Money(cents: 5_000))], createdAt: bed.clock.now)
        try await bed.services.storage.invoices.insert(invoice)
        return invoice
    }

    /// The statement form's fields as the page put them, with `fields`.
    static func payAllFields(_ page: Browser.Page, _ fields: [(String, String)]) -> [(String, String)] {
        let ids = page.body.components(separatedBy: "name=\"invoice[]\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        return [("idempotencyKey", page.hiddenField("idempotencyKey") ?? ""), ("confirmedCharge", page.hiddenField("confirmedCharge") ?? "")]
            + ids.map { ("invoice[]", $0) } + fields
    }

    @Test("F15: the home offers Pay all when two invoices are open; the statement lists them with the total; one press pays both with one charge and one receipt")
    func payAll() async throws {
        let bed = try await PortalTestbed()
        let second = try await Self.secondInvoice(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let home = try await cece.get("/portal/\(Seed.keyA)")
            #expect(home.body.contains("Pay all 2 open invoices ($250.00)"))
            let page = try await cece.get(Self.statement)
            #expect(page.body.contains("MARK-CECE-INV-UNPAID") && page.body.contains("MARK-CECE-SECOND") && page.body.contains("Pay all $257.50"))
            let paid = try await cece.post("\(Self.statement)/pay", Self.payAllFields(page, Self.card))
            #expect(paid.status == .seeOther && paid.location == "\(Self.statement)?done=paid")
            let after = try await cece.get(try #require(paid.location))
            #expect(after.body.contains("every invoice is paid, with one charge") && after.body.contains("Nothing to pay"))
            let store = bed.services.storage
            for id in [Seed.CeceInvoice.unpaid, second.id] {
                let invoice = try #require(try await store.invoices.find(id, in: Seed.accountA))
                #expect(try invoice.balance == .zero, "\(invoice.number)")
            }
            let references = try await store.payments.all(for: Seed.CeceInvoice.unpaid, in: Seed.accountA).map(\.gatewayReference)
                + store.payments.all(for: second.id, in: Seed.accountA).map(\.gatewayReference)
            #expect(references.count == 2 && Set(references).count == 1)
            try await bed.deliverMail()
            let receipt = try #require(try bed.mail.to("cece@example.com").last { $0.header("Subject")?.contains("Receipt for your statement payment") == true })
            #expect(receipt.decodedBody.contains("Invoice MARK-CECE-SECOND: $50.00") && receipt.decodedBody.contains("Charged: $257.50"))
            #expect(receipt.decodedBody.contains("Service fee: $7.50"))
        }
        await bed.remove()
    }

    @Test("F15: when an invoice is paid meanwhile, Pay all charges nothing and shows the new total; a card left out keeps the form with the problem beside it")
    func changedAndRefused() async throws {
        let bed = try await PortalTestbed()
        _ = try await Self.secondInvoice(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get(Self.statement)
            let noCard = try await cece.post("\(Self.statement)/pay", Self.payAllFields(page, [("nameOnCard", "Cece")]))
            #expect(noCard.status == .unprocessableContent && noCard.body.contains("Enter the card number.") && noCard.body.contains("value=\"Cece\""))
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            _ = try await Billing(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)).markPaid(
                Seed.CeceInvoice.unpaid, method: .check, in: account, by: nil)
            let changed = try await cece.post("\(Self.statement)/pay", Self.payAllFields(page, Self.card))
            #expect(changed.status == .conflict && changed.body.contains("What you owe changed") && changed.body.contains("Pay all $51.50"))
            #expect(try await bed.services.storage.payments.all(for: Seed.CeceInvoice.unpaid, in: Seed.accountA).allSatisfy { $0.method == .check })
        }
        await bed.remove()
    }

    @Test("F15: staff refund part of a card payment from the invoice's page: the balance reopens, the client is emailed; more than is left, or an unreadable amount, is refused")
    func backOfficeRefund() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let pay = "/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/pay"
            let form = try await cece.get(pay)
            #expect(try await cece.post(pay, PaymentMethodTests.payFields(form, Self.card)).status == .seeOther)
            let payment = try #require(try await bed.services.storage.payments.all(for: Seed.CeceInvoice.unpaid, in: Seed.accountA).first)

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let invoicePage = "/admin/invoices/\(Seed.CeceInvoice.unpaid)"
            let page = try await staff.get(invoicePage)
            // 200.00 and the 3 % service fee.
            #expect(page.body.contains("Refund through the payment service: amount (up to $206.00"))
            let key = try #require(page.hiddenField("idempotencyKey"))
            let refunds = "\(invoicePage)/refunds"
            let unreadable = try await staff.post(refunds, [("idempotencyKey", key), ("payment", payment.id.rawValue), ("refundAmount", "lots")])
            #expect(unreadable.status == .unprocessableContent && unreadable.body.contains("Refund amount:"))
            let tooMuch = try await staff.post(refunds, [("idempotencyKey", key), ("payment", payment.id.rawValue), ("refundAmount", "206.01")])
            #expect(tooMuch.status == .unprocessableContent && tooMuch.body.contains("at most the USD 206.00 left of this payment"))
            let done = try await staff.post(refunds, [("idempotencyKey", key), ("payment", payment.id.rawValue), ("refundAmount", "50")])
            #expect(done.status == .seeOther)
            #expect(try await staff.get(try #require(done.location)).body.contains("The refund is made; the client is emailed."))
            // A link's own words never reach the page.
            #expect(!(try await staff.get("\(invoicePage)?done=all+refunded+already")).body.contains("refunded already"))
            let again = try await staff.post(refunds, [("idempotencyKey", key), ("payment", payment.id.rawValue), ("refundAmount", "50")])
            #expect(again.status == .seeOther)
            let invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            #expect(try invoice.balance == Money(cents: 5_000))
            let shown = try await staff.get(invoicePage)
            #expect(shown.body.contains("refunded $50.00") && shown.body.contains("up to $156.00"))
            try await bed.deliverMail()
            let email = try #require(try bed.mail.to("cece@example.com").last { $0.header("Subject")?.contains("Refund of $50.00") == true })
            #expect(email.decodedBody.contains("now has $50.00 to pay"))
            let invoiceSeen = try await cece.get("/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)")
            #expect(invoiceSeen.body.contains("$50.00 refunded") && invoiceSeen.body.contains("Pay Now"))
            let receiptSeen = try await cece.get("/portal/\(Seed.keyA)/receipts/\(payment.id)")
            #expect(receiptSeen.body.contains("Refunded since") && receiptSeen.body.contains("$50.00"))

            let api = APIClient(client: client, token: token)
            let read = try await api.call(.get, "/api/v1/payments/\(payment.id)")
            #expect(read["refunded"] as? Int == 5_000 && (read["refunds"] as? [[String: Any]])?.first?["amount"] as? Int == 5_000)
            let noKey = try await api.call(.post, "/api/v1/payments/\(payment.id)/refunds", ["amount": 1_000])
            #expect(noKey.status == .badRequest)
            let made = try await api.call(.post, "/api/v1/payments/\(payment.id)/refunds", ["amount": 1_000], headers: [HTTPField.Name("Idempotency-Key")!: "api-refund-1"])
            #expect(made.status == .created && made["amount"] as? Int == 1_000)
            let repeated = try await api.call(.post, "/api/v1/payments/\(payment.id)/refunds", ["amount": 1_000], headers: [HTTPField.Name("Idempotency-Key")!: "api-refund-1"])
            #expect(repeated["id"] as? String == made["id"] as? String)
            let over = try await api.call(.post, "/api/v1/payments/\(payment.id)/refunds", ["amount": 20_000], headers: [HTTPField.Name("Idempotency-Key")!: "api-refund-2"])
            #expect(over.status == .unprocessableContent)
            let full = try await api.call(.post, "/api/v1/payments/\(payment.id)/refunds", [:] as [String: Any], headers: [HTTPField.Name("Idempotency-Key")!: "api-refund-3"])
            #expect(full.status == .created && full["amount"] as? Int == 14_000)
            #expect(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA)?.amountPaid == .zero)
        }
        await bed.remove()
    }
}
