import Foundation
import PortalKernel
import SandboxPayments
import Testing

/// SPEC F12 (#24 point 3) through `Autopays` and `AutopayRun` on the in-memory store and the sandbox. The bed's instant
/// is 10:00 in New York, the account's zone.
@Suite("F12: autopay")
struct AutopayTests {
    struct Office {
        let bed: UseCaseBed
        var account: Account
        let autopays: Autopays
        var client: ClientActor { ClientActor(customer: bed.customer, email: "cece@example.com", origin: bed.origin) }
        var sandbox: SandboxPayments { bed.services.paymentGateway as! SandboxPayments }
        var run: AutopayRun { AutopayRun(services: bed.services, emails: KindComposer()) }

        init(autopayHour: Int = 9, card: String? = SandboxPayments.TestCard.approved) async throws {
            bed = try await UseCaseBed()
            account = bed.account
            account.settings.autopayHour = autopayHour
            account.settings.webhookURLs = ["https://hooks.example.com/portal"]
            try await bed.services.storage.accounts.update(account)
            try await bed.services.storage.staffUsers.insert(
                StaffUser(accountID: account.id, name: "Olive Office", email: "olive@greenleaf.example", passwordHash: "x", role: .admin))
            autopays = Autopays(services: bed.services, emails: KindComposer())
            if let card {
                let details = CardDetails(number: card, expiryMonth: 12, expiryYear: 40, securityCode: "123", nameOnCard: "Cece")
                _ = try await SavedPaymentMethods(services: bed.services, emails: KindComposer()).save(details, account: account, by: client)
            }
        }

        func turnOn() async throws -> Autopay {
            let wording = try #require(try await autopays.wording(for: bed.customer.id, account: account))
            guard case .done(let autopay) = try await autopays.turnOn(account: account, by: client, agreedHash: SecretToken.hash(of: wording)) else {
                throw PaymentGatewayError(message: "autopay not on")
            }
            return autopay
        }

        func invoice(number: String, due: CalendarDate? = nil) async throws -> Invoice {
            let today = account.today(at: bed.clock.now)
            let invoice = Invoice(
                accountID: account.id, customerID: bed.customer.id, number: number, invoiceDate: today, dueDate: due, sentAt: bed.clock.now,
                lineItems: [LineItem(description: "Mowing", unitPrice: Money(cents: 12_000))], createdAt: bed.clock.now)
            try await bed.services.storage.invoices.insert(invoice)
            return invoice
        }

        func balance(_ invoice: Invoice) async throws -> Money? {
            try await bed.services.storage.invoices.find(invoice.id, in: account.id)?.balance
        }

        func queued() async throws -> (webhooks: [String], emails: [String]) {
            let messages = try await bed.services.storage.outbox.due(at: bed.clock.now.addingTimeInterval(86_400), limit: 1_000)
            return (messages.compactMap(\.webhook?.event), messages.compactMap(\.email?.subject))
        }
    }

    @Test("F12: turning on needs a card and the wording as shown (naming the default card and the fee); the consent is kept with time, email and address; off at once; autopay.enabled and autopay.disabled")
    func consent() async throws {
        let none = try await Office(card: nil)
        #expect(try await none.autopays.wording(for: none.bed.customer.id, account: none.account) == nil)
        #expect(try await none.autopays.turnOn(account: none.account, by: none.client, agreedHash: "x") == .needsCard)

        var office = try await Office()
        office.account.settings.serviceFeeBasisPoints = 250
        let wording = try #require(try await office.autopays.wording(for: office.bed.customer.id, account: office.account))
        #expect(wording.contains("Visa ending 4242, expires 12/2040") && wording.contains("plus the 2.5 % card service fee"))
        #expect(try await office.autopays.turnOn(account: office.account, by: office.client, agreedHash: SecretToken.hash(of: "older words")) == .wordingChanged(wording))
        #expect(try await office.autopays.state(of: office.bed.customer.id, in: office.account.id) == nil)
        guard case .done(let on) = try await office.autopays.turnOn(account: office.account, by: office.client, agreedHash: SecretToken.hash(of: wording)) else {
            Issue.record("not on")
            return
        }
        #expect(on.enabled && on.wording == wording && on.consentedBy == "cece@example.com" && on.ipAddress == "203.0.113.10" && on.consentedAt == office.bed.clock.now)
        guard case .done(let off) = try await office.autopays.turnOff(account: office.account, by: office.client) else {
            Issue.record("not off")
            return
        }
        #expect(!off.enabled && off.disabledAt == office.bed.clock.now && off.wording == wording)
        #expect(try await office.autopays.turnOff(account: office.account, by: office.client) == .notOn)
        #expect(try await office.queued().webhooks.sorted() == ["autopay.disabled", "autopay.enabled"])
    }

    @Test("F12: from the autopay hour, an open invoice due today is charged in full once, however often the run goes; one due tomorrow waits for tomorrow; none before the hour; one past due before autopay went on is left to the client")
    func chargesOnce() async throws {
        let office = try await Office(autopayHour: 11)
        _ = try await office.turnOn()
        let today = office.account.today(at: office.bed.clock.now)
        let dueToday = try await office.invoice(number: "INV-A")
        let dueTomorrow = try await office.invoice(number: "INV-B", due: today.adding(days: 1))
        let overdue = try await office.invoice(number: "INV-C", due: today.adding(days: -1))
        #expect(try await office.run.run() == 0)
        office.bed.clock.advance(by: 3_600)
        #expect(try await office.run.run() == 1)
        #expect(try await office.run.run() == 0)
        #expect(try await office.balance(dueToday) == .zero && office.sandbox.charges.map(\.amount) == [Money(cents: 12_000)])
        #expect(try await office.balance(dueTomorrow) == Money(cents: 12_000))
        // Past due before autopay went on: the client's to pay, never charged by autopay.
        #expect(try await office.balance(overdue) == Money(cents: 12_000))
        office.bed.clock.advance(by: 86_400)
        #expect(try await office.run.run() == 1)
        #expect(office.sandbox.charges.count == 2)
    }

    @Test("F12: a declined charge emails the client and the office, sends autopay.failed, leaves the invoice open and is not tried again by itself")
    func declined() async throws {
        let office = try await Office(card: SandboxPayments.TestCard.expiresWhenSaved)
        _ = try await office.turnOn()
        let invoice = try await office.invoice(number: "INV-A")
        #expect(try await office.run.run() == 0)
        #expect(try await office.run.run() == 0)
        #expect(try await office.balance(invoice) == Money(cents: 12_000) && office.sandbox.charges.isEmpty)
        let queued = try await office.queued()
        // The client's copy of turning autopay on, then one decline to the client and one to the office.
        #expect(queued.emails.sorted() == ["autopayChanged", "autopayFailed", "autopayFailed"])
        #expect(queued.webhooks.filter { $0 == "autopay.failed" }.count == 1)
        let events = try await office.bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: office.account.id)
        #expect(events.map(\.action) == [.autopayFailed] && events.first?.detail == "The saved card has expired. Nothing was charged.")
    }

    @Test("F12: turned off, or its last card removed (which turns it off), autopay charges nothing; two runs at the same instant charge once")
    func offAndConcurrent() async throws {
        let office = try await Office()
        _ = try await office.turnOn()
        let invoice = try await office.invoice(number: "INV-A")
        let (one, other) = (office.run, office.run)
        async let first = one.run()
        async let second = other.run()
        let paid = try await first + second
        let balance = try await office.balance(invoice)
        #expect(paid == 1)
        #expect(office.sandbox.charges.count == 1 && balance == .zero)

        _ = try await office.invoice(number: "INV-B")
        let card = try #require(try await SavedPaymentMethods(services: office.bed.services, emails: KindComposer()).onFile(for: office.bed.customer.id, in: office.account.id).first)
        _ = try await SavedPaymentMethods(services: office.bed.services, emails: KindComposer()).remove(card.id, account: office.account, by: office.client)
        #expect(try await office.autopays.state(of: office.bed.customer.id, in: office.account.id)?.enabled == false)
        #expect(try await office.run.run() == 0)
        #expect(office.sandbox.charges.count == 1)
    }

    @Test("F12: the client gets a copy of autopay turned on, with the wording agreed, and an email when it goes off, by their hand or with their last card")
    func copies() async throws {
        let office = try await Office()
        let on = try await office.turnOn()
        let copies = { try await office.bed.queuedEmails().filter { $0.subject == "autopayChanged" } }
        let first = try await copies()
        #expect(first.count == 1 && first.first?.to.map(\.address) == ["cece@example.com"])
        #expect(first.first?.textBody.contains(on.wording) == true && first.first?.textBody.contains("enabled: true") == true)
        _ = try await office.autopays.turnOff(account: office.account, by: office.client)
        #expect(try await copies().count == 2)
        _ = try await office.turnOn()
        let card = try #require(try await SavedPaymentMethods(services: office.bed.services, emails: KindComposer()).onFile(for: office.bed.customer.id, in: office.account.id).first)
        _ = try await SavedPaymentMethods(services: office.bed.services, emails: KindComposer()).remove(card.id, account: office.account, by: office.client)
        let all = try await copies()
        #expect(all.count == 4 && all.filter { $0.textBody.contains("enabled: false") }.count == 2)
    }

    @Test("F12, F15: an invoice paid by hand and then refunded in full is not charged again by autopay for its due date; its balance is open for the client and staff")
    func refundedNotRecharged() async throws {
        let office = try await Office()
        _ = try await office.turnOn()
        let invoice = try await office.invoice(number: "INV-R")
        let card = try #require(try await SavedPaymentMethods(services: office.bed.services, emails: KindComposer()).onFile(for: office.bed.customer.id, in: office.account.id).first)
        guard case .paid(let payment) = try await InvoicePayments(services: office.bed.services, emails: KindComposer()).pay(
            invoice.id, of: office.bed.customer, account: office.account, amount: Money(cents: 12_000), with: .saved(card.id),
            idempotencyKey: "by-hand-before-autopay", actorEmail: nil, origin: office.bed.origin)
        else {
            Issue.record("not paid by hand")
            return
        }
        guard case .refunded = try await Refunds(services: office.bed.services, emails: KindComposer()).refund(
            payment.id, amount: nil, idempotencyKey: "refund-all", in: office.account, by: nil, actorName: nil)
        else {
            Issue.record("not refunded")
            return
        }
        #expect(try await office.run.run() == 0)
        let reopened = try await office.balance(invoice)
        #expect(office.sandbox.charges.count == 1 && reopened == Money(cents: 12_000))
    }
}
