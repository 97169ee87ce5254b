import Foundation
import PortalKernel
import PropertyBased
import SandboxPayments
import Testing

/// SPEC F14 through `InvoicePayments` and `Tips` on the in-memory store and the sandbox: a tip is charged on top, never
/// lowers the balance, and is recorded against the crew of the invoice's job.
@Suite("F14: tips for the crew")
struct TipTests {
    @Test("F14: 10, 15 and 20 % of the amount paid round half away from zero to the minor unit in USD, JPY and KWD")
    func shares() throws {
        let fifteen = TipChoice.percentage(basisPoints: 1_500)
        #expect(try fifteen.amount(on: Money(cents: 12_960)) == Money(cents: 1_944))  // $129.60 → $19.44
        #expect(try fifteen.amount(on: Money(cents: 1_001)) == Money(cents: 150))  // ¥1,001 → ¥150 (150.15)
        #expect(try fifteen.amount(on: Money(cents: 1_235)) == Money(cents: 185))  // KWD 1.235 → 0.185 (0.18525)
        #expect(try TipChoice.percentage(basisPoints: 1_000).amount(on: Money(cents: 5)) == Money(cents: 1))  // 0.5 rounds up
        #expect(try TipChoice.none.amount(on: Money(cents: 10_000)) == .zero)
        #expect(try TipChoice.amount(Money(cents: 700)).amount(on: Money(cents: 10_000)) == Money(cents: 700))
    }

    @Test("F14 (PropertyBased): an offered share of any amount is between zero and the amount, the exact share rounded half away from zero")
    func sharesBounded() async {
        await propertyCheck(count: 300, input: zip(Gen.int(in: 0...Money.limit), Gen.int(in: 0...(TipChoice.offered.count - 1)).map { TipChoice.offered[$0] })) { paid, basisPoints in
            guard let tip = try? TipChoice.percentage(basisPoints: basisPoints).amount(on: Money(cents: paid)) else {
                Issue.record("\(paid) could not take a tip")
                return
            }
            var exact = Decimal(paid) * Decimal(basisPoints) / 10_000
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .plain)
            #expect(tip >= .zero && tip.cents <= paid && Decimal(tip.cents) == rounded)
        }
    }

    /// The bed with tips allowed, a job with `visits` (date offset from today, crew, status), and an open invoice of
    /// 300.00 for that job.
    struct Office {
        let bed: UseCaseBed
        var account: Account
        let invoice: Invoice
        var sandbox: SandboxPayments { bed.services.paymentGateway as! SandboxPayments }
        var payments: InvoicePayments { InvoicePayments(services: bed.services, emails: KindComposer()) }

        init(tips: Bool = true, visits: [(Int, String?, Visit.Status)] = []) async throws {
            bed = try await UseCaseBed()
            account = bed.account
            account.settings.allowsTips = tips
            try await bed.services.storage.accounts.update(account)
            let job = Job(accountID: account.id, customerID: bed.customer.id, title: "Weekly mowing", createdStage: .active, createdAt: bed.clock.now)
            try await bed.services.storage.jobs.insert(job)
            let today = account.today(at: bed.clock.now)
            for (offset, crew, status) in visits {
                try await bed.services.storage.records(Visit.self).insert(
                    Visit(accountID: account.id, jobID: job.id, customerID: bed.customer.id, date: today.adding(days: offset), status: status,
                          crew: crew, createdAt: bed.clock.now))
            }
            var invoice = try await bed.openInvoice()
            invoice.jobID = job.id
            try await bed.services.storage.invoices.update(invoice)
            self.invoice = invoice
        }

        func pay(tip: Int, key: String = "tip-payment-key-0001") async throws -> InvoicePayments.Outcome {
            try await InvoicePayments(services: bed.services, emails: KindComposer()).pay(
                invoice.id, of: bed.customer, account: account, amount: Money(cents: 30_000), tip: Money(cents: tip),
                with: .typed(UseCaseBed.approvedCard, save: false), idempotencyKey: key, actorEmail: nil, origin: bed.origin)
        }
    }

    @Test("F14: a tip is charged on top, its own part of the payment, never paid into the invoice, and recorded against the crew of the job's last visit")
    func chargedOnTop() async throws {
        let office = try await Office(visits: [(-7, "Crew A", .completed), (-1, "Crew B", .completed), (6, "Crew C", .scheduled), (-2, "Crew D", .cancelled)])
        guard case .paid(let payment) = try await office.pay(tip: 4_500) else {
            Issue.record("not paid")
            return
        }
        let charged = try payment.charged
        #expect(payment.amount == Money(cents: 30_000) && payment.tip == Money(cents: 4_500) && charged == Money(cents: 34_500))
        #expect(office.sandbox.charges.map(\.amount) == [Money(cents: 34_500)])
        let invoice = try #require(try await office.bed.services.storage.invoices.find(office.invoice.id, in: office.account.id))
        #expect(invoice.amountPaid == Money(cents: 30_000) && invoice.isPaid)
        let tips = try await office.bed.services.storage.records(Tip.self).all(in: office.account.id)
        #expect(tips.map(\.amount) == [Money(cents: 4_500)] && tips.first?.crew == "Crew B" && tips.first?.paymentID == payment.id)
    }

    @Test("F14: with only visits to come the tip goes to the next one's crew; an invoice whose job has no visit with a crew takes no tip")
    func crewOfNextOrNone() async throws {
        let ahead = try await Office(visits: [(3, "Crew C", .scheduled), (10, "Crew E", .scheduled), (-1, nil, .completed)])
        #expect(try await ahead.payments.tipCrew(for: ahead.invoice, account: ahead.account) == "Crew C")
        _ = try await ahead.pay(tip: 1_000)
        #expect(try await ahead.bed.services.storage.records(Tip.self).all(in: ahead.account.id).first?.crew == "Crew C")
        let none = try await Office(visits: [(-1, nil, .completed), (-2, "Crew X", .cancelled)])
        #expect(try await none.payments.tipCrew(for: none.invoice, account: none.account) == nil)
        #expect(try await none.pay(tip: 1_000) == .invalid(InvoicePayments.noCrewToTip))
        #expect(none.sandbox.charges.isEmpty)
    }

    @Test("F14: a tip where the account takes none, above the amount paid, or below zero charges nothing")
    func refused() async throws {
        let closed = try await Office(tips: false, visits: [(-1, "Crew B", .completed)])
        #expect(try await closed.payments.tipCrew(for: closed.invoice, account: closed.account) == nil)
        #expect(try await closed.pay(tip: 100) == .invalid("This company does not take tips."))
        let open = try await Office(visits: [(-1, "Crew B", .completed)])
        #expect(try await open.pay(tip: 30_001) == .invalid("A tip is at most the amount you pay (USD 300.00)."))
        #expect(try await open.pay(tip: -1) == .invalid("A tip cannot be below zero."))
        #expect(closed.sandbox.charges.isEmpty && open.sandbox.charges.isEmpty)
        guard case .paid(let payment) = try await closed.pay(tip: 0) else {
            Issue.record("not paid without a tip")
            return
        }
        let tips = try await closed.bed.services.storage.records(Tip.self).all(in: closed.account.id)
        #expect(payment.tip == nil && tips.isEmpty)
    }

    @Test("F13, F14: a deposit invoice, paid before the work, takes no tip; nothing is charged")
    func noTipOnDeposit() async throws {
        let office = try await Office(visits: [(-1, "Crew B", .completed)])
        var invoice = office.invoice
        invoice.deposit = InvoiceDeposit(proposalID: "proposal-1", amount: Money(cents: 30_000), wholeAmount: Money(cents: 100_000))
        try await office.bed.services.storage.invoices.update(invoice)
        #expect(try await office.pay(tip: 1_000) == .invalid(InvoicePayments.noTipOnDeposit))
        #expect(office.sandbox.charges.isEmpty)
    }

    @Test("F14: the report sums the tips of a range of days in the account's time zone by crew, no crew last")
    func report() async throws {
        let office = try await Office(visits: [(-1, "Crew B", .completed)])
        _ = try await office.pay(tip: 1_500)
        let store = office.bed.services.storage
        let today = office.account.today(at: office.bed.clock.now)
        let payment = try #require(try await store.payments.all(for: office.invoice.id, in: office.account.id).first)
        for (crew, cents, days) in [("Crew B", 500, -1.0), (nil, 700, 0.0), ("Crew A", 900, 0.0), ("Crew A", 300, -40.0)] as [(String?, Int, Double)] {
            try await store.records(Tip.self).insert(
                Tip(accountID: office.account.id, paymentID: payment.id, invoiceID: office.invoice.id, customerID: office.bed.customer.id,
                    amount: Money(cents: cents), crew: crew, visitID: nil, receivedAt: office.bed.clock.now.addingTimeInterval(days * 86_400)))
        }
        let report = try await Tips(services: office.bed.services).report(from: today.adding(days: -1), through: today, in: office.account)
        #expect(report.crews.map(\.crew) == ["Crew A", "Crew B", nil])
        #expect(report.crews.map(\.total) == [Money(cents: 900), Money(cents: 2_000), Money(cents: 700)])
        #expect(report.crews.map(\.count) == [1, 2, 1] && report.total == Money(cents: 3_600) && report.rows.count == 4)
        #expect(report.rows.allSatisfy { $0.customerName == "Cece" && $0.invoiceNumber == "INV-1" })
        #expect(try await Tips(services: office.bed.services).report(from: today, through: today.adding(days: -1), in: office.account).rows.isEmpty)
    }
}
