import PortalKernel
import Testing

/// SPEC I1–I3, case by case.
@Suite("Invoice visibility (I1–I3)")
struct InvoiceVisibilityTests {
    let today = Fixture.date("2026-06-10")

    private func verdict(
        _ invoice: Invoice, openWhen: OpenInvoiceRule = .generated, on day: CalendarDate? = nil
    ) -> InvoiceVisibility.Verdict {
        InvoiceVisibility.verdict(for: invoice, settings: Fixture.settings(openWhen: openWhen), today: day ?? today)
    }

    // MARK: I1: open invoices, by the Open Invoice setting

    @Test("I1 generated (the default): shows as soon as it exists, even dated in the future and unsent")
    func generatedShowsAtOnce() {
        #expect(AccountSettings().openInvoiceWhen == .generated)
        #expect(verdict(Fixture.invoice(dated: today.adding(days: 30))) == .unpaid)
    }

    @Test("I1 invoiceDate: hidden before its date, shown on and after it")
    func invoiceDateRule() {
        #expect(verdict(Fixture.invoice(dated: today.adding(days: 1)), openWhen: .invoiceDate) == .hiddenNotOpen(.invoiceDate))
        #expect(verdict(Fixture.invoice(dated: today), openWhen: .invoiceDate) == .unpaid)
        #expect(verdict(Fixture.invoice(dated: today.adding(days: -1)), openWhen: .invoiceDate) == .unpaid)
    }

    @Test("I1 invoiceDate: sending does not open an invoice dated in the future")
    func invoiceDateRuleIgnoresSending() {
        #expect(!verdict(Fixture.invoice(dated: today.adding(days: 5), sent: true), openWhen: .invoiceDate).isVisible)
    }

    @Test("I1 sent: hidden until first sent, whatever its date")
    func sentRule() {
        #expect(verdict(Fixture.invoice(dated: today.adding(days: -10)), openWhen: .sent) == .hiddenNotOpen(.sent))
        #expect(verdict(Fixture.invoice(dated: today.adding(days: 10), sent: true), openWhen: .sent) == .unpaid)
    }

    @Test("I1 invoiceDateOrSent: either its date arriving or being sent opens it")
    func invoiceDateOrSentRule() {
        let future = today.adding(days: 10)
        #expect(!verdict(Fixture.invoice(dated: future), openWhen: .invoiceDateOrSent).isVisible)
        #expect(verdict(Fixture.invoice(dated: future, sent: true), openWhen: .invoiceDateOrSent) == .unpaid)
        #expect(verdict(Fixture.invoice(dated: today), openWhen: .invoiceDateOrSent) == .unpaid)
    }

    @Test("I1: an invoice with a partial payment is open under every setting", arguments: OpenInvoiceRule.allCases)
    func partialPaymentOpens(rule: OpenInvoiceRule) throws {
        let invoice = Fixture.invoice(dated: today.adding(days: 20), cents: 10_000, paid: 4_000)
        #expect(verdict(invoice, openWhen: rule) == .unpaid)
        #expect(try invoice.balance == Money(cents: 6_000))
    }

    @Test("I1: a voided invoice never shows, under every setting", arguments: OpenInvoiceRule.allCases)
    func voidedHides(rule: OpenInvoiceRule) {
        #expect(verdict(Fixture.invoice(dated: today, sent: true, voided: true), openWhen: rule) == .hiddenVoided)
    }

    @Test("I1: an invoice totalling 0 never shows, under every setting", arguments: OpenInvoiceRule.allCases)
    func zeroTotalHides(rule: OpenInvoiceRule) {
        #expect(verdict(Fixture.invoice(dated: today, cents: 0, sent: true), openWhen: rule) == .hiddenZeroTotal)
    }

    // MARK: I2: paid invoices stay a year from their invoice date

    @Test("I2: paid 364 days after its invoice date: still shown")
    func paid364DaysShows() {
        let invoice = Fixture.invoice(dated: Fixture.date("2025-06-11"), paid: 10_000)
        #expect(today.days(since: invoice.invoiceDate) == 364)
        #expect(verdict(invoice) == .paidWithinRetention)
    }

    @Test("I2: paid, 365 days after its invoice date: gone")
    func paid365DaysHides() {
        let invoice = Fixture.invoice(dated: Fixture.date("2025-06-10"), paid: 10_000)
        #expect(today.days(since: invoice.invoiceDate) == 365)
        #expect(verdict(invoice) == .hiddenPaidPastRetention)
    }

    @Test("I2: paid, 366 days after its invoice date: gone")
    func paid366DaysHides() {
        let invoice = Fixture.invoice(dated: Fixture.date("2025-06-09"), paid: 10_000)
        #expect(verdict(invoice) == .hiddenPaidPastRetention)
    }

    @Test("I2 across a leap day: the retention counts calendar days, 29 February included")
    func acrossLeapDay() {
        // 2023-03-01 + 365 days is 2024-02-29 (2024 is a leap year).
        let invoice = Fixture.invoice(dated: Fixture.date("2023-03-01"), paid: 10_000)
        let shows = { (day: String) in
            InvoiceVisibility.isVisible(invoice, settings: Fixture.settings(), today: Fixture.date(day))
        }
        #expect(Fixture.date("2024-02-28").days(since: invoice.invoiceDate) == 364)
        #expect(shows("2024-02-28"))
        #expect(Fixture.date("2024-02-29").days(since: invoice.invoiceDate) == 365)
        #expect(!shows("2024-02-29"))
        #expect(Fixture.date("2024-03-01").days(since: invoice.invoiceDate) == 366)
        #expect(!shows("2024-03-01"))
    }

    @Test("I2: the payment date does not matter, only the invoice date")
    func paymentDateIrrelevant() {
        // Paid yesterday, but dated 400 days ago: not shown. Dated 10 days ago and paid long since: shown.
        #expect(!verdict(Fixture.invoice(dated: today.adding(days: -400), paid: 10_000)).isVisible)
        #expect(verdict(Fixture.invoice(dated: today.adding(days: -10), paid: 10_000)) == .paidWithinRetention)
    }

    @Test("I2: the retention period follows the account setting")
    func customRetention() {
        let invoice = Fixture.invoice(dated: today.adding(days: -40), paid: 10_000)
        let settings = Fixture.settings(retentionDays: 30)
        #expect(InvoiceVisibility.verdict(for: invoice, settings: settings, today: today) == .hiddenPaidPastRetention)
    }

    // MARK: I3: unpaid invoices stay until paid

    @Test("I3: an unpaid invoice stays however old it is")
    func unpaidOldInvoiceStays() {
        #expect(verdict(Fixture.invoice(dated: today.adding(days: -900))) == .unpaid)
    }

    @Test("I3: an invoice more than a year old disappears the moment it is paid (today)")
    func oldInvoicePaidTodayDisappears() {
        var invoice = Fixture.invoice(dated: today.adding(days: -500), cents: 10_000)
        #expect(verdict(invoice) == .unpaid)
        invoice.amountPaid = Money(cents: 10_000)
        #expect(verdict(invoice) == .hiddenPaidPastRetention)
    }

    @Test("I3: a partial payment on an old invoice keeps it shown")
    func oldInvoicePartlyPaidStays() {
        #expect(verdict(Fixture.invoice(dated: today.adding(days: -500), cents: 10_000, paid: 9_999)) == .unpaid)
    }
}
