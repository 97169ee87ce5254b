import Foundation
import HTTPTypes
import PortalKernel
import Testing

/// SPEC F14 through the pay page, the receipt, its email, the back office's tip report and its CSV.
@Suite("Portal: tips for the crew")
struct TipPageTests {
    static let pay = "/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/pay"
    static let card = [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123")]

    /// Account A (a 3 % service fee) takes tips; client A's unpaid invoice (200.00) is for a job whose visit yesterday was
    /// `crew`'s.
    static func allowTips(_ bed: PortalTestbed, crew: String = "Crew B") async throws {
        let store = bed.services.storage
        var account = try #require(try await store.accounts.find(Seed.accountA))
        account.settings.allowsTips = true
        try await store.accounts.update(account)
        var invoice = try #require(try await store.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
        invoice.jobID = "job-lead"
        try await store.invoices.update(invoice)
        try await store.records(Visit.self).insert(
            Visit(accountID: Seed.accountA, jobID: "job-lead", customerID: Seed.cece, date: account.today(at: bed.clock.now).adding(days: -1),
                  status: .completed, crew: crew, createdAt: bed.clock.now))
    }

    @Test("F14: choosing 15 % shows the new charge to confirm first; confirmed, the tip is its own line on the receipt and its email, and the invoice is paid, not overpaid")
    func tipFifteen() async throws {
        let bed = try await PortalTestbed()
        try await Self.allowTips(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get(Self.pay)
            #expect(page.body.contains("Add a tip for the crew (Crew B)?") && page.body.contains("15% ($30.00)") && page.body.contains("Pay $206.00"))
            let review = try await cece.post(Self.pay, PaymentMethodTests.payFields(page, Self.card + [("tip", "15"), ("confirmedTip", page.hiddenField("confirmedTip") ?? "")]))
            #expect(review.status == .ok && review.body.contains("Paying $200.00 and a $30.00 tip charges your card $236.00 with the $6.00 service fee"))
            #expect(review.body.contains("Pay $236.00") && review.body.contains("value=\"15\" checked"))
            let paid = try await cece.post(
                Self.pay, PaymentMethodTests.payFields(review, Self.card + [("tip", "15"), ("confirmedTip", review.hiddenField("confirmedTip") ?? "")]))
            #expect(paid.status == .seeOther)
            let receipt = try await cece.get(try #require(paid.location))
            #expect(receipt.body.contains("Tip for the crew") && receipt.body.contains("$30.00") && receipt.body.contains("$236.00"))
            let invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            let balance = try invoice.balance
            #expect(invoice.amountPaid == Money(cents: 20_000) && balance == .zero)
            try await bed.deliverMail()
            let email = try #require(try bed.mail.to("cece@example.com").last { $0.header("Subject")?.contains("Receipt for invoice") == true })
            #expect(email.decodedBody.contains("Tip for the crew: $30.00"))
        }
        await bed.remove()
    }

    @Test("F14: another amount that cannot be read, or above the amount paid, is refused beside the field with what was typed kept; without tips allowed none is offered")
    func refusals() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            #expect(!(try await cece.get(Self.pay)).body.contains("Add a tip"))
        }
        try await Self.allowTips(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get(Self.pay)
            let unreadable = try await cece.post(Self.pay, PaymentMethodTests.payFields(page, Self.card + [("tip", "other"), ("tipAmount", "lots")]))
            #expect(unreadable.status == .unprocessableContent && unreadable.body.contains("aria-invalid=\"true\"") && unreadable.body.contains("value=\"lots\""))
            let tooMuch = try await cece.post(Self.pay, PaymentMethodTests.payFields(page, Self.card + [("tip", "other"), ("tipAmount", "2000")]))
            #expect(tooMuch.status == .unprocessableContent && tooMuch.body.contains("A tip is at most the amount you pay"))
            #expect(try await bed.services.storage.payments.all(for: Seed.CeceInvoice.unpaid, in: Seed.accountA).isEmpty)
        }
        await bed.remove()
    }

    @Test("F14: staff see the tips by crew for a range of dates and download them as CSV, a crew named like a formula neutralised")
    func report() async throws {
        let bed = try await PortalTestbed()
        try await Self.allowTips(bed, crew: "=HYPERLINK(\"x\")")
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get(Self.pay)
            let fields = Self.card + [("tip", "other"), ("tipAmount", "12.50")]
            let review = try await cece.post(Self.pay, PaymentMethodTests.payFields(page, fields))
            #expect(review.body.contains("Pay $218.50"))
            let paid = try await cece.post(Self.pay, PaymentMethodTests.payFields(review, fields + [("confirmedTip", review.hiddenField("confirmedTip") ?? "")]))
            #expect(paid.status == .seeOther)

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let report = try await staff.get("/admin/tips")
            #expect(report.status == .ok && report.body.contains("1 tip, $12.50 owed to the crews") && report.body.contains("MARK-CECE-INV-UNPAID"))
            #expect(report.body.contains("=HYPERLINK(&quot;x&quot;)") || report.body.contains("=HYPERLINK(&#34;x&#34;)"))
            let csv = try await staff.get("/admin/tips.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let text = csv.body
            #expect(text.hasPrefix("paid_at,crew,customer,invoice,tip,refunded,owed,currency\r\n"))
            #expect(text.contains(",\"'=HYPERLINK(\"\"x\"\")\",") && text.contains(",MARK-CECE-INV-UNPAID,12.50,0.00,12.50,USD\r\n"))
            let refused = try await staff.get("/admin/tips?from=2026-13-01&to=x")
            #expect(refused.status == .ok && refused.body.contains("Enter both dates as YYYY-MM-DD"))
            #expect(try await staff.get("/admin/tips.csv?to=2026-01-31").status == .unprocessableContent)
            let empty = try await staff.get("/admin/tips?from=2020-01-01&to=2020-01-31")
            #expect(empty.body.contains("No tips in these dates."))
        }
        await bed.remove()
    }
}
