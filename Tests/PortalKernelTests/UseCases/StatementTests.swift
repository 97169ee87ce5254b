import Foundation
import PortalKernel
import PropertyBased
import SandboxPayments
import Testing

/// SPEC F15 through `InvoicePayments.payAll` and `Refunds` on the in-memory store and the sandbox: one charge for every
/// open invoice, all or nothing; refunds reopen balances.
@Suite("F15: the statement, Pay all and refunds")
struct StatementTests {
    struct Office {
        let bed: UseCaseBed
        var account: Account
        var sandbox: SandboxPayments { bed.services.paymentGateway as! SandboxPayments }
        var payments: InvoicePayments { InvoicePayments(services: bed.services, emails: KindComposer()) }
        var refunds: Refunds { Refunds(services: bed.services, emails: KindComposer()) }

        init(feeBasisPoints: Int = 0, tips: Bool = false, currency: String = "USD") async throws {
            bed = try await UseCaseBed()
            account = bed.account
            account.currencyCode = currency
            account.settings.serviceFeeBasisPoints = feeBasisPoints
            account.settings.allowsTips = tips
            try await bed.services.storage.accounts.update(account)
        }

        func invoice(_ number: String, cents: Int) async throws -> Invoice {
            let invoice = Invoice(
                accountID: account.id, customerID: bed.customer.id, number: number, invoiceDate: account.today(at: bed.clock.now),
                sentAt: bed.clock.now, lineItems: [LineItem(description: "Work \(number)", unitPrice: Money(cents: cents))], createdAt: bed.clock.now)
            try await bed.services.storage.invoices.insert(invoice)
            return invoice
        }

        func payAll(_ statement: InvoicePayments.Statement, key: String = "pay-all-key-000001", card: String = "4242 4242 4242 4242") async throws
            -> InvoicePayments.PayAllOutcome
        {
            try await payments.payAll(
                Set(statement.invoices.map(\.id)), of: bed.customer, account: account, expectedCharge: statement.charge,
                with: .typed(CardDetails(number: card, expiryMonth: 12, expiryYear: 2040, securityCode: "123", nameOnCard: "Cece"), save: false),
                idempotencyKey: key, actorEmail: nil, origin: bed.origin)
        }

        func balance(_ invoice: Invoice) async throws -> Money {
            try #require(try await bed.services.storage.invoices.find(invoice.id, in: account.id)).balance
        }
    }

    @Test("F15: the statement lists the open invoices and their total; Pay all is one charge of the total and the fees, recorded as one payment per invoice, and a repeat charges nothing more")
    func payAll() async throws {
        let office = try await Office(feeBasisPoints: 250)
        let first = try await office.invoice("INV-1", cents: 10_000)
        let second = try await office.invoice("INV-2", cents: 5_001)
        let statement = try await office.payments.statement(of: office.bed.customer.id, account: office.account)
        #expect(statement.invoices.map(\.number).sorted() == ["INV-1", "INV-2"] && statement.total == Money(cents: 15_001))
        // 2.5 % of 100.00 is 2.50; of 50.01 it is 1.25025, so 1.25: each invoice's fee rounds on its own.
        #expect(statement.charge == Money(cents: 15_001 + 250 + 125))
        guard case .paid(let payments) = try await office.payAll(statement) else {
            Issue.record("not paid")
            return
        }
        #expect(payments.map(\.amount).sorted() == [Money(cents: 5_001), Money(cents: 10_000)])
        #expect(Set(payments.compactMap(\.gatewayReference)).count == 1)
        #expect(office.sandbox.charges.map(\.amount) == [Money(cents: 15_376)])
        let balances = [try await office.balance(first), try await office.balance(second)]
        #expect(balances == [.zero, .zero])
        guard case .paid(let again) = try await office.payAll(statement) else {
            Issue.record("a repeat was not answered with its payments")
            return
        }
        #expect(Set(again.map(\.id)) == Set(payments.map(\.id)) && office.sandbox.charges.count == 1)
        let receipts = try await office.bed.queuedEmails().filter { $0.subject == "statementReceipt" }
        #expect(receipts.count == 1)
        #expect(try await office.payments.statement(of: office.bed.customer.id, account: office.account).invoices.isEmpty)
    }

    @Test("F15: when what is owed changed since the statement was shown (an invoice paid, another opened), Pay all charges nothing and answers the statement now")
    func changed() async throws {
        let office = try await Office()
        let first = try await office.invoice("INV-1", cents: 10_000)
        _ = try await office.invoice("INV-2", cents: 2_000)
        let shown = try await office.payments.statement(of: office.bed.customer.id, account: office.account)
        _ = try await Billing(services: office.bed.services, emails: KindComposer()).recordPayment(
            on: first.id, amount: Money(cents: 1_000), method: .check, idempotencyKey: nil, in: office.account, by: nil)
        guard case .changed(let now) = try await office.payAll(shown) else {
            Issue.record("a changed statement was charged")
            return
        }
        #expect(now.total == Money(cents: 11_000) && office.sandbox.charges.isEmpty)
        _ = try await office.invoice("INV-3", cents: 500)
        guard case .changed = try await office.payAll(now) else {
            Issue.record("a statement missing a new invoice was charged")
            return
        }
        #expect(office.sandbox.charges.isEmpty)
    }

    @Test("F15: a declined card pays nothing; an invoice being paid elsewhere at that moment makes Pay all charge nothing")
    func allOrNothing() async throws {
        let office = try await Office()
        let first = try await office.invoice("INV-1", cents: 10_000)
        _ = try await office.invoice("INV-2", cents: 2_000)
        let statement = try await office.payments.statement(of: office.bed.customer.id, account: office.account)
        guard case .declined = try await office.payAll(statement, card: SandboxPayments.TestCard.declined) else {
            Issue.record("a declined card paid")
            return
        }
        let claim = InvoicePayments.claim(on: first.id, in: office.account.id, counters: office.bed.services.storage.counters)
        #expect(try await claim.take(at: office.bed.clock.now, lifetime: 120))
        #expect(try await office.payAll(statement, key: "pay-all-key-000002") == .inProgress)
        #expect(office.sandbox.keptCharges.isEmpty)
        #expect(try await office.bed.services.storage.payments.all(for: first.id, in: office.account.id).isEmpty)
        try await claim.release(at: office.bed.clock.now)
        // The claim of the other invoice, taken before the refusal, was given back: a new attempt pays.
        guard case .paid = try await office.payAll(statement, key: "pay-all-key-000003") else {
            Issue.record("not paid once free")
            return
        }
    }

    @Test("F15: a part refund reopens the invoice by what went into it; a full refund gives back the rest, fee and tip with it, and the crew's tip shrinks; never more than was charged")
    func refunds() async throws {
        let office = try await Office(feeBasisPoints: 300, tips: true)
        var invoice = try await office.invoice("INV-1", cents: 10_000)
        // A job whose visit yesterday was Crew B's, so the invoice takes a tip (SPEC F14).
        let job = Job(accountID: office.account.id, customerID: office.bed.customer.id, title: "Mowing", createdStage: .active, createdAt: office.bed.clock.now)
        try await office.bed.services.storage.jobs.insert(job)
        try await office.bed.services.storage.records(Visit.self).insert(
            Visit(accountID: office.account.id, jobID: job.id, customerID: office.bed.customer.id,
                  date: office.account.today(at: office.bed.clock.now).adding(days: -1), status: .completed, crew: "Crew B", createdAt: office.bed.clock.now))
        invoice.jobID = job.id
        try await office.bed.services.storage.invoices.update(invoice)
        guard case .paid(let payment) = try await office.payments.pay(
            invoice.id, of: office.bed.customer, account: office.account, amount: Money(cents: 10_000), tip: Money(cents: 1_500),
            with: .typed(UseCaseBed.approvedCard, save: false), idempotencyKey: "refund-test-payment-1", actorEmail: nil, origin: office.bed.origin)
        else {
            Issue.record("not paid")
            return
        }
        #expect(try payment.charged == Money(cents: 11_800))
        guard case .refunded(let part, let reopened) = try await office.refunds.refund(
            payment.id, amount: Money(cents: 4_000), idempotencyKey: "refund-1", in: office.account, by: nil, actorName: "olive@example.com")
        else {
            Issue.record("not refunded")
            return
        }
        #expect(part.amount == Money(cents: 4_000) && part.serviceFee == .zero && part.tip == .zero)
        #expect(try reopened.balance == Money(cents: 4_000))
        // The key of that part refund, sent again for "all that is left" while something is left, is another request.
        #expect(try await office.refunds.refund(payment.id, amount: nil, idempotencyKey: "refund-1", in: office.account, by: nil, actorName: nil)
            == .invalid("This Idempotency-Key was used for another refund."))
        #expect(try await office.refunds.refund(
            payment.id, amount: Money(cents: 7_801), idempotencyKey: "refund-2", in: office.account, by: nil, actorName: nil)
            == .invalid("Refund more than zero and at most the USD 78.00 left of this payment."))
        guard case .refunded(let rest, let after) = try await office.refunds.refund(
            payment.id, amount: nil, idempotencyKey: "refund-3", in: office.account, by: nil, actorName: nil)
        else {
            Issue.record("the rest not refunded")
            return
        }
        #expect(rest.amount == Money(cents: 6_000) && rest.serviceFee == Money(cents: 300) && rest.tip == Money(cents: 1_500))
        #expect(try after.balance == Money(cents: 10_000) && after.amountPaid == .zero)
        #expect(office.sandbox.refunds.map(\.amount) == [Money(cents: 4_000), Money(cents: 7_800)])
        let tip = try #require(try await office.bed.services.storage.records(Tip.self).all(in: office.account.id).first)
        #expect(tip.owed == .zero)
        #expect(try await office.refunds.refund(payment.id, amount: nil, idempotencyKey: "refund-4", in: office.account, by: nil, actorName: nil)
            == .invalid("This payment was refunded in full already."))
        // The same key is the same refund, never a second one.
        guard case .refunded(let repeated, _) = try await office.refunds.refund(
            payment.id, amount: Money(cents: 4_000), idempotencyKey: "refund-1", in: office.account, by: nil, actorName: nil)
        else {
            Issue.record("a repeated key was not answered")
            return
        }
        #expect(repeated == part && office.sandbox.refunds.count == 2)
        // …and the same key for another amount is refused, not taken for the first.
        #expect(try await office.refunds.refund(payment.id, amount: Money(cents: 100), idempotencyKey: "refund-1", in: office.account, by: nil, actorName: nil)
            == .invalid("This Idempotency-Key was used for another refund."))
        let emails = try await office.bed.queuedEmails().filter { $0.subject == "paymentRefunded" }
        #expect(emails.count == 2)
        let cash = try await Billing(services: office.bed.services, emails: KindComposer()).recordPayment(
            on: invoice.id, amount: Money(cents: 100), method: .cash, idempotencyKey: nil, in: office.account, by: nil)
        #expect(try await office.refunds.refund(cash.0.id, amount: nil, idempotencyKey: "refund-5", in: office.account, by: nil, actorName: nil)
            == .invalid("Only a card payment made in the portal is refunded through the payment service; give this one back as it was paid."))
    }

    @Test("F15 (PropertyBased): any sequence of part refunds splits invoice part first, then fee, then tip; the parts never exceed the payment's and add up to what was given back")
    func refundSplits() async {
        let input = zip(Gen.int(in: 1...1_000_000), Gen.int(in: 0...50_000), Gen.int(in: 0...50_000), Gen.int(in: 1...400_000).array(of: 1...6))
        await propertyCheck(count: 300, input: input) { amount, fee, tip, refunds in
            var payment = Payment(
                accountID: "a", invoiceID: "i", amount: Money(cents: amount), serviceFee: Money(cents: fee), tip: tip == 0 ? nil : Money(cents: tip),
                method: .card, source: .portal, receivedAt: Date(timeIntervalSince1970: 0))
            var parts = (Money.zero, Money.zero, Money.zero)
            for cents in refunds {
                guard let left = try? payment.refundable, left > .zero else { break }
                let given = min(Money(cents: cents), left)
                guard let split = try? Refunds.split(given, of: payment) else {
                    Issue.record("no split")
                    return
                }
                #expect(split.amount.cents + split.serviceFee.cents + split.tip.cents == given.cents)
                #expect(split.serviceFee == .zero || parts.0.cents + split.amount.cents == amount)
                parts = (Money(cents: parts.0.cents + split.amount.cents), Money(cents: parts.1.cents + split.serviceFee.cents), Money(cents: parts.2.cents + split.tip.cents))
                payment.refunded = Money(cents: (payment.refunded?.cents ?? 0) + given.cents)
            }
            #expect(parts.0.cents <= amount && parts.1.cents <= fee && parts.2.cents <= tip)
        }
    }

    @Test("F15 in JPY and KWD: Pay all charges each invoice's balance and its own rounded fee, in the currency's minor units; a part refund reopens by exactly its amount and words what is left in that currency", arguments: [
        // Fees 30.03 → 30 and 9.99 → 10 yen; the first payment charged 1,031, less the 500 refunded.
        ("JPY", [1_001, 333], 1_374, "JPY 531"),
        // Fees 37.05 → 37 and 9.99 → 10 fils; the first payment charged 1.272, less the 0.500 refunded.
        ("KWD", [1_235, 333], 1_615, "KWD 0.772"),
    ])
    func otherCurrencies(currency: String, balances: [Int], charge: Int, left: String) async throws {
        let office = try await Office(feeBasisPoints: 300, currency: currency)
        var invoices: [Invoice] = []
        for (index, cents) in balances.enumerated() { invoices.append(try await office.invoice("INV-\(index + 1)", cents: cents)) }
        let statement = try await office.payments.statement(of: office.bed.customer.id, account: office.account)
        #expect(statement.charge == Money(cents: charge) && statement.total == Money(cents: balances.reduce(0, +)))
        guard case .paid(let payments) = try await office.payAll(statement) else {
            Issue.record("\(currency): not paid")
            return
        }
        #expect(office.sandbox.charges.map(\.amount) == [Money(cents: charge)] && office.sandbox.charges.first?.currencyCode == currency)
        let first = try #require(payments.first { $0.invoiceID == invoices[0].id })
        guard case .refunded(let refund, let invoice) = try await office.refunds.refund(
            first.id, amount: Money(cents: 500), idempotencyKey: "refund-\(currency)", in: office.account, by: nil, actorName: nil)
        else {
            Issue.record("\(currency): not refunded")
            return
        }
        let reopened = try invoice.balance
        #expect(refund.amount == Money(cents: 500) && reopened == Money(cents: 500))
        let more = try await office.refunds.refund(
            first.id, amount: Money(cents: 100_000), idempotencyKey: "refund-\(currency)-2", in: office.account, by: nil, actorName: nil)
        #expect(more == .invalid("Refund more than zero and at most the \(left) left of this payment."))
    }

    @Test("F15 (PropertyBased): the statement of any open invoices charges their balances plus each one's fee rounded on its own, and owes their sum")
    func statementAllocation() async {
        let input = zip(Gen.int(in: 0...50_000_000).array(of: 1...8), Gen.int(in: 0...1_000))
        await propertyCheck(count: 200, input: input) { balances, fee in
            let invoices = balances.enumerated().map { index, cents in
                Invoice(
                    accountID: "a", customerID: "c", number: "INV-\(index)", invoiceDate: CalendarDate(iso: "2026-11-30")!,
                    lineItems: [LineItem(description: "Work", unitPrice: Money(cents: cents))], createdAt: Date(timeIntervalSince1970: 0))
            }
            guard let statement = try? InvoicePayments.Statement(invoices, settings: AccountSettings(serviceFeeBasisPoints: fee)) else {
                Issue.record("no statement")
                return
            }
            let owing = balances.filter { $0 > 0 }
            let fees = owing.map { (try? Money(cents: $0).applying(basisPoints: fee).cents) ?? -1 }
            #expect(statement.invoices.count == owing.count && statement.quotes.map(\.amount.cents) == owing)
            #expect(statement.total.cents == owing.reduce(0, +) && statement.charge.cents == owing.reduce(0, +) + fees.reduce(0, +))
        }
    }
}
