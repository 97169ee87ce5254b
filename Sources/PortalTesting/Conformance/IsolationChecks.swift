import Foundation
import PortalKernel
import Testing

extension StorageConformance {
    static let isolationChecks: [Check] = [
        ("Another account's id never finds, lists or updates a record", { try await $0.accountScoping() }),
        ("A record never refers to another account's record, on insert or update", { try await $0.noCrossAccountReferences() }),
        ("Unique keys: portal key, token hash, and idempotency key per account", { try await $0.uniqueKeys() }),
        ("A transaction that throws keeps nothing it wrote; one that returns keeps everything", { try await $0.transactions() }),
        ("A login token used by many requests at once logs in exactly once", { try await $0.tokenConsumedOnce() }),
        ("Many concurrent transactions lose nothing", { try await $0.concurrentWriters() }),
    ]

    func accountScoping() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        let b = StorageFixture.accountB
        #expect(try await store.customers.find(customer.id, in: b) == nil)
        #expect(try await store.customers.all(in: b).isEmpty)
        #expect(try await store.customers.find(email: "cece@example.com", in: b).isEmpty)

        try await store.jobs.insert(fixture.job("job", customer: customer.id, in: StorageFixture.accountA))
        try await store.proposals.insert(fixture.proposal("p", job: "job", customer: customer.id, in: StorageFixture.accountA, status: .sent))
        try await store.invoices.insert(fixture.invoice("INV-1", customer: customer.id, in: StorageFixture.accountA))
        #expect(try await store.jobs.find("job", in: b) == nil)
        #expect(try await store.jobs.find(["job"], in: b).isEmpty)
        #expect(try await store.proposals.find("p", in: b) == nil)
        #expect(try await store.proposals.portalCandidates(for: customer.id, in: b).isEmpty)
        #expect(try await store.invoices.portalCandidates(for: customer.id, in: b).isEmpty)
        #expect(try await store.invoices.find(number: "INV-1", in: b) == nil)

        // Moving a record to another account through update is impossible: the row is not in that account.
        var stolen = customer
        stolen.accountID = b
        await #expect(throws: StorageError.notFound("customer cust-a")) { try await store.customers.update(stolen) }
        #expect(try await store.customers.find(customer.id, in: StorageFixture.accountA) == customer)
        try await fixture.tearDown()
    }

    func noCrossAccountReferences() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let ours = try await fixture.seedAccountA()
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        let theirs = fixture.customer("theirs", in: StorageFixture.accountB, emails: ["b@example.com"])
        try await store.customers.insert(theirs)
        try await store.jobs.insert(fixture.job("their-job", customer: theirs.id, in: StorageFixture.accountB))
        let a = StorageFixture.accountA

        await #expect(throws: StorageError.self) { try await store.jobs.insert(fixture.job("j", customer: theirs.id, in: a)) }
        await #expect(throws: StorageError.self) {
            try await store.proposals.insert(fixture.proposal("p", job: "their-job", customer: ours.id, in: a, status: .sent))
        }
        await #expect(throws: StorageError.self) { try await store.invoices.insert(fixture.invoice("INV-X", customer: theirs.id, in: a)) }

        // Updates too: a record of ours cannot be pointed at theirs.
        try await store.jobs.insert(fixture.job("our-job", customer: ours.id, in: a))
        var invoice = fixture.invoice("INV-1", customer: ours.id, in: a)
        try await store.invoices.insert(invoice)
        invoice.jobID = "their-job"
        await #expect(throws: StorageError.self) { try await store.invoices.update(invoice) }
        invoice.jobID = "our-job"
        try await store.invoices.update(invoice)
        await #expect(throws: StorageError.self) {
            try await store.payments.insert(
                Payment(accountID: StorageFixture.accountB, invoiceID: invoice.id, amount: Money(cents: 1), method: .cash, source: .staff, receivedAt: fixture.now))
        }
        #expect(try await store.jobs.find("j", in: a) == nil)
        #expect(try await store.invoices.find(invoice.id, in: a)?.jobID == "our-job")
        try await fixture.tearDown()
    }

    func uniqueKeys() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        await #expect(throws: StorageError.self) {
            try await store.accounts.insert(fixture.account("account-c", portalKey: "key-\(StorageFixture.accountA)"))
        }
        let token = LoginToken(accountID: StorageFixture.accountA, tokenHash: "same", email: "a@example.com", createdAt: fixture.now, expiresAt: fixture.now)
        try await store.loginTokens.insert(token)
        var again = token
        again.id = .random()
        await #expect(throws: StorageError.self) { try await store.loginTokens.insert(again) }

        let invoice = fixture.invoice("INV-1", customer: customer.id, in: StorageFixture.accountA)
        try await store.invoices.insert(invoice)
        await #expect(throws: StorageError.self) { try await store.invoices.insert(fixture.invoice("INV-1", customer: customer.id, in: StorageFixture.accountA)) }
        func payment(_ id: Payment.ID, key: String?) -> Payment {
            Payment(id: id, accountID: StorageFixture.accountA, invoiceID: invoice.id, amount: Money(cents: 100), method: .card, source: .portal, idempotencyKey: key, receivedAt: fixture.now)
        }
        try await store.payments.insert(payment("p1", key: "k"))
        #expect(try await store.payments.find("p1", in: StorageFixture.accountB) == nil)
        await #expect(throws: StorageError.self) { try await store.payments.insert(payment("p2", key: "k")) }
        // Payments without a key (staff entries) never collide.
        try await store.payments.insert(payment("p3", key: nil))
        try await store.payments.insert(payment("p4", key: nil))
        #expect(try await store.payments.all(for: invoice.id, in: StorageFixture.accountA).count == 3)
        try await fixture.tearDown()
    }

    func transactions() async throws {
        struct Abort: Error {}
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        await #expect(throws: Abort.self) {
            try await store.transaction { tx in
                try await tx.jobs.insert(fixture.job("j1", customer: customer.id, in: StorageFixture.accountA))
                try await tx.invoices.insert(fixture.invoice("INV-9", customer: customer.id, in: StorageFixture.accountA))
                #expect(try await tx.jobs.find("j1", in: StorageFixture.accountA) != nil)  // visible inside
                throw Abort()
            }
        }
        #expect(try await store.jobs.find("j1", in: StorageFixture.accountA) == nil)
        #expect(try await store.invoices.find(number: "INV-9", in: StorageFixture.accountA) == nil)

        // A constraint failure half-way rolls back the writes before it.
        await #expect(throws: StorageError.self) {
            try await store.transaction { tx in
                try await tx.jobs.insert(fixture.job("j2", customer: customer.id, in: StorageFixture.accountA))
                try await tx.accounts.insert(fixture.account("dup", portalKey: "key-\(StorageFixture.accountA)"))
            }
        }
        #expect(try await store.jobs.find("j2", in: StorageFixture.accountA) == nil)

        let count = try await store.transaction { tx in
            try await tx.jobs.insert(fixture.job("j3", customer: customer.id, in: StorageFixture.accountA))
            return try await tx.jobs.all(for: customer.id, in: StorageFixture.accountA).count
        }
        #expect(count == 1)
        #expect(try await store.jobs.find("j3", in: StorageFixture.accountA) != nil)
        try await fixture.tearDown()
    }

    func tokenConsumedOnce() async throws {
        let fixture = try await StorageFixture(self)
        _ = try await fixture.seedAccountA()
        let store = fixture.storage
        try await store.loginTokens.insert(
            LoginToken(accountID: StorageFixture.accountA, tokenHash: "h", email: "cece@example.com", createdAt: fixture.now, expiresAt: fixture.now.addingTimeInterval(600)))
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<25 {
                group.addTask { try await store.loginTokens.consume(hash: "h", in: StorageFixture.accountA, at: fixture.now) != nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(try await store.loginTokens.find(hash: "h", in: StorageFixture.accountA)?.usedAt == fixture.now)
        // Expired, wrong account, or unknown: nothing.
        try await store.loginTokens.insert(
            LoginToken(accountID: StorageFixture.accountA, tokenHash: "old", email: "cece@example.com", createdAt: fixture.now, expiresAt: fixture.now))
        #expect(try await store.loginTokens.consume(hash: "old", in: StorageFixture.accountA, at: fixture.now) == nil)
        #expect(try await store.loginTokens.consume(hash: "h", in: StorageFixture.accountB, at: fixture.now) == nil)
        try await fixture.tearDown()
    }

    func concurrentWriters() async throws {
        let fixture = try await StorageFixture(self)
        let customer = try await fixture.seedAccountA()
        let store = fixture.storage
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.transaction { tx in
                        let job = fixture.job(Job.ID(rawValue: "job-\(index)"), customer: customer.id, in: StorageFixture.accountA)
                        try await tx.jobs.insert(job)
                        // Read-modify-write inside the transaction: serialised, so no update is lost.
                        var current = try #require(try await tx.customers.find(customer.id, in: StorageFixture.accountA))
                        current.emails.append("extra\(index)@example.com")
                        try await tx.customers.update(current)
                    }
                }
                group.addTask { _ = try await store.customers.all(in: StorageFixture.accountA) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.jobs.all(for: customer.id, in: StorageFixture.accountA).count == 40)
        #expect(try await store.customers.find(customer.id, in: StorageFixture.accountA)?.emails.count == 41)
        try await fixture.tearDown()
    }
}

extension StorageConformance {
    static let cancellationChecks: [Check] = [
        ("A task cancelled inside a transaction keeps nothing, and the next transaction works", { try await $0.cancelledTransactionRollsBack() }),
    ]

    func cancelledTransactionRollsBack() async throws {
        let fixture = try await StorageFixture(self)
        let customer = try await fixture.seedAccountA()
        let store = fixture.storage
        let task = Task {
            try await store.transaction { tx in
                try await tx.jobs.insert(fixture.job("cancelled", customer: customer.id, in: StorageFixture.accountA))
                withUnsafeCurrentTask { $0?.cancel() }
                try await tx.jobs.insert(fixture.job("after-cancel", customer: customer.id, in: StorageFixture.accountA))
            }
        }
        _ = await task.result
        #expect(try await store.jobs.find("cancelled", in: StorageFixture.accountA) == nil)
        try await store.transaction { tx in
            try await tx.jobs.insert(fixture.job("next", customer: customer.id, in: StorageFixture.accountA))
        }
        #expect(try await store.jobs.find("next", in: StorageFixture.accountA) != nil)
        try await fixture.tearDown()
    }
}
