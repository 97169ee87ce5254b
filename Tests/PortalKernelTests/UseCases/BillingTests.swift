import Foundation
import PortalKernel
import Testing

/// Staff's side of invoices through `Billing` on the in-memory store (#19, point 8): create, send, record a
/// payment, mark paid, void, and what each refusal leaves behind (nothing).
@Suite("Billing: staff create, send, record payments on and void invoices")
struct BillingTests {
    static let mowing = [LineInput(description: "Mowing", quantity: 2, unitPrice: 4_500)]

    static func desk(_ bed: UseCaseBed) -> Billing { Billing(services: bed.services, emails: KindComposer()) }

    static func draft(_ bed: UseCaseBed, number: String? = nil, lines: [LineInput] = mowing, dueIn days: Int? = nil) async throws -> Invoice {
        let today = bed.account.today(at: bed.clock.now)
        return try await desk(bed).create(
            for: bed.customer.id, job: nil, number: number, invoiceDate: nil, dueDate: days.map { today.adding(days: $0) },
            lines: lines, taxRateBasisPoints: 0, in: bed.account, by: .staff("staff-1"))
    }

    static func invoiceCount(_ bed: UseCaseBed) async throws -> Int {
        try await bed.services.storage.invoices.portalCandidates(for: bed.customer.id, in: bed.account.id).count
    }

    @Test("An invoice without a number gets the next free INV- number; a chosen number is trimmed and must be free")
    func numbering() async throws {
        let bed = try await UseCaseBed()
        let chosen = try await Self.draft(bed, number: "  INV-1001 ")
        #expect(chosen.number == "INV-1001")
        #expect(try await Self.draft(bed).number == "INV-1002")
        #expect(try await Self.draft(bed).number == "INV-1003")
        let saved = try #require(try await bed.services.storage.invoices.find(chosen.id, in: bed.account.id))
        #expect(saved.invoiceDate == bed.account.today(at: bed.clock.now))
        #expect(try saved.total == Money(cents: 9_000))
        #expect(saved.sentAt == nil && saved.amountPaid == .zero && !saved.voided)

        await #expect(throws: UseCaseError.conflict("Invoice number INV-1002 is taken.")) { try await Self.draft(bed, number: "INV-1002") }
        await #expect(throws: UseCaseError.invalid("An invoice number is 1–40 characters.", field: "number")) { try await Self.draft(bed, number: "   ") }
        #expect(try await Self.invoiceCount(bed) == 3)
    }

    @Test("#20: a refused invoice saves nothing: no lines, an optional line, a due date before the invoice date, an unknown customer or job, another customer's job")
    func refusedCreation() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        await #expect(throws: UseCaseError.invalid("Add at least one line.", field: "lines")) { try await Self.draft(bed, lines: []) }
        await #expect(throws: UseCaseError.invalid("Line 1: invoices have no optional lines.", field: "lines[0].optional")) {
            try await Self.draft(bed, lines: [LineInput(description: "Extra", quantity: 1, unitPrice: 100, optional: true)])
        }
        await #expect(throws: UseCaseError.invalid("The due date is before the invoice date.", field: "dueDate")) { try await Self.draft(bed, dueIn: -1) }
        await #expect(throws: UseCaseError.notFound("No such customer.")) {
            try await desk.create(
                for: "someone-elses", job: nil, number: nil, invoiceDate: nil, dueDate: nil, lines: Self.mowing, taxRateBasisPoints: 0,
                in: bed.account, by: nil)
        }
        await #expect(throws: UseCaseError.notFound("No such job.")) {
            try await desk.create(
                for: bed.customer.id, job: "no-such-job", number: nil, invoiceDate: nil, dueDate: nil, lines: Self.mowing,
                taxRateBasisPoints: 0, in: bed.account, by: nil)
        }
        // #20: a job of another customer, or a lead's job without one, is not this invoice's job.
        let other = Customer(accountID: bed.account.id, displayName: "Someone else", emails: ["else@example.com"])
        let theirs = Job(accountID: bed.account.id, customerID: other.id, title: "Their hedge", createdStage: .proposal, createdAt: bed.clock.now)
        let leads = Job(accountID: bed.account.id, customerID: nil, title: "A lead's job", createdStage: .lead, createdAt: bed.clock.now)
        try await bed.services.storage.customers.insert(other)
        for job in [theirs, leads] {
            try await bed.services.storage.jobs.insert(job)
            await #expect(throws: UseCaseError.invalid("The job belongs to another customer.", field: "jobId")) {
                try await desk.create(
                    for: bed.customer.id, job: job.id, number: nil, invoiceDate: nil, dueDate: nil, lines: Self.mowing,
                    taxRateBasisPoints: 0, in: bed.account, by: nil)
            }
        }
        #expect(try await Self.invoiceCount(bed) == 0)
        #expect(try await Self.draft(bed, dueIn: 0).dueDate == bed.account.today(at: bed.clock.now))
    }

    @Test("I1, #20: sending emails the customer and records it with who sent it; the first send sets sentAt and a resend keeps it")
    func send() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        let invoice = try await Self.draft(bed)
        let sentAt = bed.clock.now
        #expect(try await desk.send(invoice.id, in: bed.account, by: .staff("staff-1")).sentAt == sentAt)
        bed.clock.advance(by: 3_600)
        #expect(try await desk.send(invoice.id, in: bed.account, by: nil).sentAt == sentAt)
        #expect(try await bed.services.storage.invoices.find(invoice.id, in: bed.account.id)?.sentAt == sentAt)

        let emails = try await bed.queuedEmails()
        #expect(emails.map(\.subject) == ["invoiceSent", "invoiceSent"])
        #expect(emails.first?.to.map(\.address) == ["cece@example.com"])
        let events = try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id)
        #expect(events.count == 3)
        // #20: who, in every event of a back-office change (the draft and the first send share an instant).
        #expect(events.first { $0.action == .invoiceCreated }?.actor == .staff("staff-1"))
        #expect(events.filter { $0.action == .invoiceSent }.map(\.actor) == [.staff("staff-1"), nil])

        await #expect(throws: UseCaseError.notFound("No such invoice.")) { try await desk.send("no-such-invoice", in: bed.account, by: nil) }
    }

    @Test("A staff payment records the payment, the new balance and an audit event; its key never records twice")
    func recordPayment() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        let invoice = try await Self.draft(bed)
        let (payment, updated) = try await desk.recordPayment(
            on: invoice.id, amount: Money(cents: 4_000), method: .check, idempotencyKey: "check-1042", in: bed.account, by: .staff("staff-1"))
        #expect(payment.source == .staff && payment.method == .check && payment.amount == Money(cents: 4_000))
        #expect(try updated.balance == Money(cents: 5_000))
        #expect(try await bed.services.storage.invoices.find(invoice.id, in: bed.account.id)?.amountPaid == Money(cents: 4_000))
        let events = try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id).filter { $0.action != .invoiceCreated }
        #expect(events.map(\.action) == [.paymentRecorded])
        #expect(events.first?.detail == "USD 40.00 by check" && events.first?.actor == .staff("staff-1"))

        let (repeated, _) = try await desk.recordPayment(
            on: invoice.id, amount: Money(cents: 4_000), method: .check, idempotencyKey: "check-1042", in: bed.account, by: .staff("staff-1"))
        #expect(repeated.id == payment.id)
        await #expect(throws: UseCaseError.conflict("This Idempotency-Key was used for another payment.")) {
            try await desk.recordPayment(
                on: invoice.id, amount: Money(cents: 1_000), method: .check, idempotencyKey: "check-1042", in: bed.account, by: nil)
        }
        #expect(try await bed.services.storage.payments.all(for: invoice.id, in: bed.account.id).map(\.id) == [payment.id])
        #expect(try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id).map(\.action).sorted { $0.rawValue < $1.rawValue } == [.invoiceCreated, .paymentRecorded])
    }

    @Test("M3: a staff payment beyond the balance, of zero, or with an overlong key is refused and nothing is recorded")
    func refusedPayments() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        let invoice = try await Self.draft(bed)
        func record(_ cents: Int, key: String? = nil) async throws {
            _ = try await desk.recordPayment(on: invoice.id, amount: Money(cents: cents), method: .cash, idempotencyKey: key, in: bed.account, by: nil)
        }
        await #expect(throws: UseCaseError.invalid("The amount is more than the USD 90.00 due.", field: "amount")) { try await record(9_001) }
        await #expect(throws: UseCaseError.invalid("The amount must be above zero.", field: "amount")) { try await record(0) }
        await #expect(throws: UseCaseError.invalid("An Idempotency-Key is 1–128 characters.")) {
            try await record(100, key: String(repeating: "k", count: 129))
        }
        await #expect(throws: UseCaseError.notFound("No such invoice.")) {
            _ = try await desk.recordPayment(on: "no-such-invoice", amount: Money(cents: 100), method: .cash, idempotencyKey: nil, in: bed.account, by: nil)
        }
        #expect(try await bed.services.storage.payments.all(for: invoice.id, in: bed.account.id).isEmpty)
        #expect(try await bed.services.storage.invoices.find(invoice.id, in: bed.account.id)?.amountPaid == .zero)
        #expect(try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id).map(\.action) == [.invoiceCreated])
    }

    @Test("Mark paid records the whole balance once and queues the invoice.paid webhook; a paid invoice is left alone")
    func markPaid() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        var account = bed.account
        account.settings.webhookURLs = ["https://hooks.greenleaf.example/portal"]
        let invoice = try await Self.draft(bed)
        _ = try await desk.recordPayment(on: invoice.id, amount: Money(cents: 1_000), method: .cash, idempotencyKey: nil, in: account, by: nil)
        await bed.services.deferredWork.idle()
        #expect(try await bed.services.storage.outbox.all(about: .invoice(invoice.id), in: account.id).isEmpty, "not paid yet: no webhook")

        let paid = try await desk.markPaid(invoice.id, method: .bank, in: account, by: nil)
        #expect(paid.isPaid)
        let payments = try await bed.services.storage.payments.all(for: invoice.id, in: account.id)
        #expect(payments.map(\.amount).sorted() == [Money(cents: 1_000), Money(cents: 8_000)])
        let hooks = try await bed.services.storage.outbox.all(about: .invoice(invoice.id), in: account.id).compactMap(\.webhook)
        #expect(hooks.map(\.event) == ["invoice.paid"])
        #expect(hooks.map(\.url) == ["https://hooks.greenleaf.example/portal"])

        #expect(try await desk.markPaid(invoice.id, method: .bank, in: account, by: nil) == paid)
        #expect(try await bed.services.storage.payments.all(for: invoice.id, in: account.id).count == 2)
    }

    @Test("I1: a voided invoice leaves the portal and can no longer be sent or paid; an invoice with payments cannot be voided")
    func void() async throws {
        let bed = try await UseCaseBed()
        let desk = Self.desk(bed)
        let portal = CustomerPortal(services: bed.services)
        let invoice = try await Self.draft(bed)
        #expect(try await portal.invoice(invoice.id, of: bed.customer.id, account: bed.account) != nil)
        #expect(try await desk.void(invoice.id, in: bed.account, by: .staff("staff-1")).voided)
        #expect(try await desk.void(invoice.id, in: bed.account, by: .staff("staff-1")).voided)
        #expect(try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id).map(\.action).filter { $0 != .invoiceCreated } == [.invoiceVoided])
        #expect(try await portal.invoice(invoice.id, of: bed.customer.id, account: bed.account) == nil)
        await #expect(throws: UseCaseError.conflict("A voided invoice cannot be sent.")) { try await desk.send(invoice.id, in: bed.account, by: nil) }
        await #expect(throws: UseCaseError.conflict("The invoice is voided.")) {
            _ = try await desk.recordPayment(on: invoice.id, amount: Money(cents: 100), method: .cash, idempotencyKey: nil, in: bed.account, by: nil)
        }
        #expect(try await bed.queuedEmails().isEmpty)

        let partlyPaid = try await Self.draft(bed)
        _ = try await desk.recordPayment(on: partlyPaid.id, amount: Money(cents: 100), method: .cash, idempotencyKey: nil, in: bed.account, by: nil)
        await #expect(throws: UseCaseError.conflict("An invoice with payments cannot be voided.")) { try await desk.void(partlyPaid.id, in: bed.account, by: nil) }
        #expect(try await bed.services.storage.invoices.find(partlyPaid.id, in: bed.account.id)?.voided == false)
    }
}
