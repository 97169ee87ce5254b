import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import SandboxPayments
import Testing

@testable import PortalHTTP

@Suite("Portal invoices and payments")
struct InvoiceAndPaymentTests {
    typealias I = Seed.CeceInvoice

    @Test("Invoices show exactly as I1–I3 allow, with the unpaid / paid / all filters")
    func visibilityAndFilters() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let unpaid = try await browser.get("/portal/greenleaf")
            #expect(unpaid.body.contains("MARK-CECE-INV-UNPAID"))
            #expect(!unpaid.body.contains("MARK-CECE-INV-PAIDRECENT"))
            let paid = try await browser.get("/portal/greenleaf?show=paid")
            #expect(paid.body.contains("MARK-CECE-INV-PAIDRECENT") && !paid.body.contains("MARK-CECE-INV-UNPAID"))
            let all = try await browser.get("/portal/greenleaf?show=all")
            #expect(all.body.contains("MARK-CECE-INV-PAIDRECENT") && all.body.contains("MARK-CECE-INV-UNPAID"))
            for hidden in ["MARK-CECE-INV-PAIDOLD", "MARK-CECE-INV-VOIDED", "MARK-CECE-INV-ZERO"] {
                #expect(!all.body.contains(hidden), "\(hidden)")
            }
            let page = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Unpaid"))
            #expect(page.body.contains("12 Oak St, Springfield, IL 62701"))
            #expect(page.body.contains("Pay Now"))
            let paidPage = try await browser.get("/portal/greenleaf/invoices/\(I.paidRecently)")
            #expect(paidPage.body.contains("tag paid\">Paid"))
            #expect(!paidPage.body.contains("Pay Now"))
            for hidden in [I.paidLongAgo, I.voided, I.zero] {
                #expect(try await browser.get("/portal/greenleaf/invoices/\(hidden)").status == .notFound)
            }
        }
        await bed.remove()
    }

    @Test("Paying with the success card: one charge with the service fee, balance at once, receipt page and email")
    func pay() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let form = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay")
            #expect(form.body.contains("MARK-CECE-INV-UNPAID"))
            #expect(form.body.contains("Service fee"))
            #expect(form.body.contains("$6.00"))  // 3 % of $200
            #expect(form.body.contains("Pay $206.00"))
            let key = try #require(form.hiddenField("idempotencyKey"))
            let fields: [(String, String)] = [
                ("idempotencyKey", key), ("amount", "200.00"), ("nameOnCard", "Cece Cunningham"),
                ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
            ]
            let paid = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", fields)
            #expect(paid.status == .seeOther)
            let receipt = try await browser.get(try #require(paid.location))
            #expect(receipt.status == .ok)
            #expect(receipt.body.contains("Visa ending 4242"))
            #expect(receipt.body.contains("$206.00"))
            #expect(!receipt.body.contains("4242 4242"))
            let invoice = try #require(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA))
            #expect(try invoice.balance == .zero)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 20_600)])
            let payment = try #require(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).first)
            #expect(payment.amount == Money(cents: 20_000) && payment.serviceFee == Money(cents: 600))
            #expect(payment.card == CardSummary(brand: "Visa", last4: "4242"))
            let dump = String(decoding: try StorageJSON.encoder(pretty: false).encode(try await bed.services.storage.exportDump()), as: UTF8.self)
            #expect(!dump.contains("4242424242424242") && !dump.contains("4242 4242 4242 4242"))

            // Resubmitting the same form (a reload, a double tap) charges nothing more.
            let again = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", fields)
            #expect(again.status == .seeOther)
            #expect(bed.gateway.charges.count == 1)
            #expect(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).count == 1)

            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.hasPrefix("Receipt") == true })
            #expect(mail.decodedBody.contains("Thank you for your payment"))
            #expect(mail.decodedBody.contains("MARK-CECE-INV-UNPAID"))
            #expect(try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)").body.contains("tag paid\">Paid"))
        }
        await bed.remove()
    }

    @Test("I2–I3: the receipt thanks the client only right after paying; the receipt of an invoice that left the portal still opens, with no link to it")
    func receiptLaterAndPastRetention() async throws {
        let bed = try await PortalTestbed()
        let paidLongAgo = Payment(
            id: "pay-old", accountID: Seed.accountA, invoiceID: I.paidLongAgo, amount: Money(cents: 20_000), method: .card, source: .portal,
            card: CardSummary(brand: "Visa", last4: "4242"), idempotencyKey: "old-key", receivedAt: bed.clock.now - 390 * 86_400)
        try await bed.services.storage.payments.insert(paidLongAgo)
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let old = try await browser.get("/portal/greenleaf/receipts/pay-old")
            #expect(old.status == .ok)
            #expect(old.body.contains("MARK-CECE-INV-PAIDOLD") && old.body.contains("Back to your portal"))
            #expect(!old.body.contains("View the invoice") && !old.body.contains("/invoices/\(I.paidLongAgo)"))
            #expect(!old.body.contains("Your payment was received"), "opened later, not just paid")

            let form = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay")
            let paid = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", [
                ("idempotencyKey", try #require(form.hiddenField("idempotencyKey"))), ("amount", "200.00"), ("nameOnCard", "Cece Cunningham"),
                ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
            ])
            let location = try #require(paid.location)
            let fresh = try await browser.get(location)
            #expect(fresh.body.contains("Your payment was received") && fresh.body.contains("View the invoice"))
            let path = String(location.prefix { $0 != "?" })
            let later = try await browser.get(path)
            #expect(later.status == .ok && later.body.contains("View the invoice"))
            #expect(!later.body.contains("Your payment was received"))

            // An invoice of 400 days ago is in the portal while unpaid and leaves it when paid (I3): the pay form sent
            // again (a double press, the back button) goes to the receipt, not to "Page not found".
            let today = bed.services.clock.now
            let yearOld = Invoice(
                id: "inv-old-unpaid", accountID: Seed.accountA, customerID: Seed.cece, number: "MARK-OLD-UNPAID",
                invoiceDate: CalendarDate.today(at: today, in: TimeZone(identifier: "America/New_York")!).adding(days: -400),
                lineItems: [LineItem(description: "Old work", unitPrice: Money(cents: 10_000))], createdAt: today)
            try await bed.services.storage.invoices.insert(yearOld)
            let oldForm = try await browser.get("/portal/greenleaf/invoices/inv-old-unpaid/pay")
            let oldFields = [
                ("idempotencyKey", try #require(oldForm.hiddenField("idempotencyKey"))), ("amount", "100.00"), ("nameOnCard", "Cece Cunningham"),
                ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
            ]
            let first = try await browser.post("/portal/greenleaf/invoices/inv-old-unpaid/pay", oldFields)
            #expect(first.status == .seeOther)
            #expect(try await browser.get("/portal/greenleaf/invoices/inv-old-unpaid").status == .notFound)
            let resent = try await browser.post("/portal/greenleaf/invoices/inv-old-unpaid/pay", oldFields)
            #expect(resent.status == .seeOther && resent.location == first.location)
            let charges = bed.gateway.charges.count
            #expect(charges == 2, "one charge each for the two invoices")
            var otherKey = oldFields
            otherKey[0] = ("idempotencyKey", "another-key-0123456789")
            #expect(try await browser.post("/portal/greenleaf/invoices/inv-old-unpaid/pay", otherKey).status == .notFound)
        }
        await bed.remove()
    }

    @Test("F10: the same idempotency key sent six times at once charges once, and every sending answers with that payment (a double press shows the receipt)")
    func concurrentSameKey() async throws {
        let bed = try await PortalTestbed()
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let customer = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let payments = InvoicePayments(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let card = CardDetails(number: SandboxPayments.TestCard.approved, expiryMonth: 12, expiryYear: 2030, securityCode: "123", nameOnCard: "Cece")
        let key = SecretToken.generate().value
        let outcomes = try await withThrowingTaskGroup(of: InvoicePayments.Outcome.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await payments.pay(
                        I.unpaid, of: customer, account: account, amount: Money(cents: 5_000), card: card, idempotencyKey: key,
                        actorEmail: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let paymentIDs = outcomes.compactMap { if case .paid(let payment) = $0 { payment.id } else { nil } }
        #expect(paymentIDs.count == 6 && Set(paymentIDs).count == 1, "\(outcomes)")
        #expect(bed.gateway.charges.count == 1)
        #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.amountPaid == Money(cents: 5_000))
        await bed.remove()
    }

    @Test("M3: while another payment of the invoice is charging, a second one charges nothing and says so (409); then it may go")
    func keyInUse() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let form = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay")
            let key = try #require(form.hiddenField("idempotencyKey"))
            let claim = InvoicePayments.claim(on: I.unpaid, in: Seed.accountA, counters: bed.services.storage.counters)
            #expect(try await claim.take(at: bed.clock.now, lifetime: 60))
            let fields: [(String, String)] = [
                ("idempotencyKey", key), ("amount", "200.00"), ("nameOnCard", "Cece Cunningham"),
                ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"),
            ]
            let busy = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", fields)
            #expect(busy.status == .conflict)
            #expect(busy.body.contains("already being processed"))
            #expect(busy.hiddenField("idempotencyKey") == key)
            #expect(bed.gateway.charges.isEmpty)
            try await claim.release(at: bed.clock.now)
            let paid = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", fields)
            #expect(paid.status == .seeOther)
            #expect(bed.gateway.charges.count == 1)
        }
        await bed.remove()
    }

    @Test("A declined card shows the decline and charges nothing; a gateway error says to try again")
    func declinedAndError() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let form = try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay")
            let key = try #require(form.hiddenField("idempotencyKey"))
            let declined = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", [
                ("idempotencyKey", key), ("amount", "200"), ("nameOnCard", "Cece Cunningham"),
                ("cardNumber", SandboxPayments.TestCard.declined), ("expiry", "12/30"), ("securityCode", "123"),
            ])
            #expect(declined.status.code == 402)
            #expect(declined.body.contains("Your card was declined"))
            #expect(declined.body.contains("value=\"Cece Cunningham\""))
            #expect(declined.hiddenField("idempotencyKey") != key)
            #expect(bed.gateway.charges.isEmpty)
            #expect(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).isEmpty)
            #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.amountPaid == .zero)

            let error = try await browser.post("/portal/greenleaf/invoices/\(I.unpaid)/pay", [
                ("idempotencyKey", try #require(declined.hiddenField("idempotencyKey"))), ("amount", "200"), ("nameOnCard", "Cece"),
                ("cardNumber", SandboxPayments.TestCard.unavailable), ("expiry", "12/30"), ("securityCode", "123"),
            ])
            #expect(error.status == .serviceUnavailable)
            #expect(error.body.contains("Nothing was charged"))
            #expect(bed.gateway.charges.isEmpty)
        }
        await bed.remove()
    }

    @Test("Partial payments only when the account allows them, never more than the balance")
    func partialPayments() async throws {
        for allows in [true, false] {
            let bed = try await PortalTestbed(settings: AccountSettings(allowsPartialPayments: allows))
            try await bed.run { client in
                var browser = Browser(client)
                try await bed.logIn("cece@example.com", browser: &browser)
                func pay(_ amount: String) async throws -> Browser.Page {
                    #expect(try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay").body.contains("Amount to pay") == allows)
                    return try await browser.pay(
                        "/portal/greenleaf/invoices/\(I.unpaid)/pay", amount: amount, cardNumber: SandboxPayments.TestCard.approved)
                }
                if allows {
                    #expect(try await pay("250.00").status == .unprocessableContent)
                    #expect(try await pay("abc").status == .unprocessableContent)
                    #expect(try await pay("80.50").status == .seeOther)
                    let invoice = try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)
                    #expect(try invoice?.balance == Money(cents: 11_950))
                    // Partly paid: still unpaid in the portal, with the balance left.
                    #expect(try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)").body.contains("$119.50"))
                } else {
                    // Whatever is typed, the whole balance is charged.
                    #expect(try await pay("80.50").status == .seeOther)
                    #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.balance == .zero)
                    #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 20_000)])
                }
            }
            await bed.remove()
        }
    }
}
