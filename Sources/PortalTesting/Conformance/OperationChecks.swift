import Foundation
import PortalKernel
import Testing

extension StorageConformance {
    static let operationChecks: [Check] = [
        ("Accounts: update, look-up by portal key, list oldest first", { try await $0.accounts() }),
        ("Staff users: update, e-mail unique per account, list by name", { try await $0.staffUsers() }),
        ("Jobs, proposals, invoices, leads and outbox messages: updates are kept; lists come in order", { try await $0.updatesAndOrders() }),
        ("A record that refers to a missing record is refused, and nothing is written", { try await $0.missingReferences() }),
        ("The limit on due outbox messages is respected", { try await $0.dueLimit() }),
        ("Failed emails of an account, newest first, for the back office's list of failures", { try await $0.failures() }),
    ]

    func accounts() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        var older = fixture.account("zzz-older")
        older.createdAt = fixture.now.addingTimeInterval(-60)
        try await store.accounts.insert(fixture.account(StorageFixture.accountA))
        try await store.accounts.insert(older)
        #expect(try await store.accounts.all().map(\.id) == ["zzz-older", StorageFixture.accountA])
        older.portalKey = "renamed-key"
        older.settings.proposalExpiryDays = 14
        try await store.accounts.update(older)
        #expect(try await store.accounts.find(portalKey: "renamed-key") == older)
        #expect(try await store.accounts.find(portalKey: "key-zzz-older") == nil)
        // Taking another account's portal key is refused.
        older.portalKey = "key-\(StorageFixture.accountA)"
        await #expect(throws: StorageError.self) { try await store.accounts.update(older) }
        await #expect(throws: StorageError.self) { try await store.accounts.update(fixture.account("missing")) }
        try await fixture.tearDown()
    }

    func staffUsers() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        _ = try await fixture.seedAccountA()
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        func user(_ id: StaffUser.ID, _ name: String, _ email: String, in account: Account.ID = StorageFixture.accountA) -> StaffUser {
            StaffUser(id: id, accountID: account, name: name, email: email, passwordHash: "$2b$h", role: .staff)
        }
        try await store.staffUsers.insert(user("s2", "Blair", "blair@example.com"))
        try await store.staffUsers.insert(user("s1", "Alex", "alex@example.com"))
        try await store.staffUsers.insert(user("s3", "Alex", "alex2@example.com"))
        // The same email in another account is a different person.
        try await store.staffUsers.insert(user("s4", "Alex", "alex@example.com", in: StorageFixture.accountB))
        await #expect(throws: StorageError.self) { try await store.staffUsers.insert(user("s5", "Dup", "ALEX@example.com")) }
        #expect(try await store.staffUsers.all(in: StorageFixture.accountA).map(\.id) == ["s1", "s3", "s2"])
        var promoted = user("s2", "Blair", "blair@example.com")
        promoted.role = .admin
        try await store.staffUsers.update(promoted)
        #expect(try await store.staffUsers.find("s2", in: StorageFixture.accountA)?.role == .admin)
        #expect(try await store.staffUsers.find("s2", in: StorageFixture.accountB) == nil)
        try await fixture.tearDown()
    }

    func updatesAndOrders() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        var first = fixture.job("job-b", customer: customer.id, in: a)
        var second = fixture.job("job-a", customer: customer.id, in: a)
        second.createdAt = fixture.now.addingTimeInterval(60)
        try await store.jobs.insert(first)
        try await store.jobs.insert(second)
        #expect(try await store.jobs.all(for: customer.id, in: a).map(\.id) == ["job-a", "job-b"])
        #expect(try await store.jobs.find(["job-b", "job-a", "nope"], in: a).map(\.id) == ["job-a", "job-b"])
        first.stage = .completed
        first.completedDate = CalendarDate(iso: "2026-10-01")
        try await store.jobs.update(first)
        #expect(try await store.jobs.find("job-b", in: a) == first)

        var v1 = fixture.proposal("p1", job: "job-b", customer: customer.id, in: a, status: .sent)
        var v2 = fixture.proposal("p2", job: "job-b", customer: customer.id, in: a, status: .draft)
        v2.version = 2
        try await store.proposals.insert(v1)
        try await store.proposals.insert(v2)
        #expect(try await store.proposals.all(for: "job-b", in: a).map(\.id) == ["p2", "p1"])
        v1.status = .declined
        v1.declineReason = "Too expensive"
        try await store.proposals.update(v1)
        #expect(try await store.proposals.find("p1", in: a) == v1)

        var invoice = fixture.invoice("INV-7", customer: customer.id, in: a)
        try await store.invoices.insert(invoice)
        invoice.amountPaid = Money(cents: 900)
        invoice.sentAt = fixture.now
        try await store.invoices.update(invoice)
        #expect(try await store.invoices.find(invoice.id, in: a) == invoice)
        try await store.invoices.insert(fixture.invoice("INV-8", customer: customer.id, in: a))
        invoice.number = "INV-8"
        await #expect(throws: StorageError.self) { try await store.invoices.update(invoice) }
        let earlier = Payment(id: "pay-z", accountID: a, invoiceID: invoice.id, amount: Money(cents: 1), method: .cash, source: .staff, receivedAt: fixture.now)
        var later = earlier
        later.id = "pay-a"
        later.receivedAt = fixture.now.addingTimeInterval(5)
        try await store.payments.insert(later)
        try await store.payments.insert(earlier)
        #expect(try await store.payments.all(for: invoice.id, in: a).map(\.id) == ["pay-z", "pay-a"])

        var lead = Lead(id: "lead-1", accountID: a, jobID: "job-b", portalLead: true, name: "J", email: "j@example.net", serviceAddress: "x", description: "y", submittedAt: fixture.now)
        let newer = Lead(id: "lead-2", accountID: a, jobID: "job-a", portalLead: false, name: "K", email: "k@example.net", serviceAddress: "x", description: "y", submittedAt: fixture.now.addingTimeInterval(1))
        try await store.leads.insert(lead)
        try await store.leads.insert(newer)
        #expect(try await store.leads.all(in: a).map(\.id) == ["lead-2", "lead-1"])
        try await store.staffUsers.insert(StaffUser(id: "staff", accountID: a, name: "S", email: "s@example.com", passwordHash: "h", role: .staff))
        lead.assigneeID = "staff"
        lead.tags = ["trees", "north"]
        try await store.leads.update(lead)
        #expect(try await store.leads.find("lead-1", in: a) == lead)

        var message = OutboxMessage(id: "m", accountID: a, email: EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t"), nextAttemptAt: fixture.now, createdAt: fixture.now)
        try await store.outbox.enqueue(message)
        message.status = .failed
        message.attempts = 3
        message.lastError = "550 5.1.1 mailbox unknown"
        try await store.outbox.update(message)
        #expect(try await store.outbox.find("m", in: a) == message)
        #expect(try await store.outbox.due(at: fixture.now, limit: 10).isEmpty)
        try await fixture.tearDown()
    }

    func missingReferences() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        await #expect(throws: StorageError.self) { try await store.customers.insert(fixture.customer("c", in: "no-account", emails: [])) }
        await #expect(throws: StorageError.self) { try await store.jobs.insert(fixture.job("j", customer: "no-customer", in: a)) }
        await #expect(throws: StorageError.self) {
            try await store.proposals.insert(fixture.proposal("p", job: "no-job", customer: customer.id, in: a, status: .sent))
        }
        await #expect(throws: StorageError.self) {
            try await store.payments.insert(Payment(accountID: a, invoiceID: "no-invoice", amount: Money(cents: 1), method: .cash, source: .staff, receivedAt: fixture.now))
        }
        #expect(try await store.jobs.find("j", in: a) == nil)
        #expect(try await store.customers.find("c", in: "no-account") == nil)
        try await fixture.tearDown()
    }

    func dueLimit() async throws {
        let fixture = try await StorageFixture(self)
        _ = try await fixture.seedAccountA()
        for index in 0..<5 {
            try await fixture.storage.outbox.enqueue(
                OutboxMessage(
                    id: OutboxMessage.ID(rawValue: "m\(index)"), accountID: StorageFixture.accountA,
                    email: EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t"),
                    nextAttemptAt: fixture.now.addingTimeInterval(Double(-index)), createdAt: fixture.now))
        }
        #expect(try await fixture.storage.outbox.due(at: fixture.now, limit: 2).map(\.id) == ["m4", "m3"])
        try await fixture.tearDown()
    }

    func failures() async throws {
        let fixture = try await StorageFixture(self)
        _ = try await fixture.seedAccountA()
        try await fixture.storage.accounts.insert(fixture.account(StorageFixture.accountB))
        func message(_ id: OutboxMessage.ID, _ status: OutboxMessage.Status, age: Double, in account: Account.ID = StorageFixture.accountA) -> OutboxMessage {
            OutboxMessage(
                id: id, accountID: account, email: EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t"),
                status: status, nextAttemptAt: fixture.now, lastError: status == .failed ? "550 no such user" : nil,
                createdAt: fixture.now.addingTimeInterval(-age))
        }
        for item in [
            message("old-failure", .failed, age: 60), message("new-failure", .failed, age: 1), message("fine", .delivered, age: 5),
            message("waiting", .retrying, age: 5), message("elsewhere", .failed, age: 1, in: StorageFixture.accountB),
        ] { try await fixture.storage.outbox.enqueue(item) }
        #expect(try await fixture.storage.outbox.failures(in: StorageFixture.accountA).map(\.id) == ["new-failure", "old-failure"])
        try await fixture.tearDown()
    }
}
