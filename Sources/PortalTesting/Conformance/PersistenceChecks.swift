import Foundation
import PortalKernel
import Testing

extension StorageFixture {
    /// Fills the store with one record of every type (two accounts, two jobs), for dump and persistence checks.
    public func fillWithOneOfEverything() async throws {
        let customer = try await seedAccountA()
        try await storage.transaction { [self] tx in
            try await tx.accounts.insert(account(StorageFixture.accountB))
            try await tx.staffUsers.insert(
                StaffUser(id: "staff", accountID: StorageFixture.accountA, name: "Alex", email: "alex@example.com", passwordHash: "$2b$x", role: .staff))
            try await tx.jobs.insert(job("job", customer: customer.id, in: StorageFixture.accountA))
            try await tx.jobs.insert(job("lead-job", customer: nil, in: StorageFixture.accountA, created: .lead))
            try await tx.proposals.insert(proposal("prop", job: "job", customer: customer.id, in: StorageFixture.accountA, status: .sent))
            let invoice = invoice("INV-1", customer: customer.id, in: StorageFixture.accountA)
            try await tx.invoices.insert(invoice)
            try await tx.payments.insert(
                Payment(id: "pay", accountID: StorageFixture.accountA, invoiceID: invoice.id, amount: Money(cents: 250), serviceFee: Money(cents: 8), method: .card, source: .portal, card: CardSummary(brand: "Visa", last4: "4242"), idempotencyKey: "k", receivedAt: now))
            try await tx.leads.insert(
                Lead(id: "lead", accountID: StorageFixture.accountA, jobID: "lead-job", portalLead: true, name: "Jordan", email: "j@example.net", serviceAddress: "9 Birch", description: "Ash tree", submittedAt: now))
            try await tx.loginTokens.insert(
                LoginToken(id: "tok", accountID: StorageFixture.accountA, tokenHash: "hash", email: "cece@example.com", createdAt: now, expiresAt: now.addingTimeInterval(1_200)))
            try await tx.sessions.save(
                Session(id: "sess", accountID: StorageFixture.accountA, principal: .client(email: "cece@example.com", customerID: customer.id), createdAt: now, lastSeenAt: now, absoluteExpiry: now.addingTimeInterval(3_600)))
            try await tx.outbox.enqueue(
                OutboxMessage(id: "out", accountID: StorageFixture.accountA, email: EmailMessage(to: [.init(address: "cece@example.com")], subject: "Héllo", textBody: "Hi"), about: .init(kind: .invoice, id: invoice.id.rawValue), nextAttemptAt: now, createdAt: now))
            try await tx.auditEvents.record(
                AuditEvent(id: "audit", accountID: StorageFixture.accountA, action: .invoicePaid, about: .invoice(invoice.id), customerID: customer.id, actorEmail: "cece@example.com", ipAddress: "203.0.113.9", userAgent: "Phone", detail: "2.50", occurredAt: now))
            try await tx.proposalLinks.insert(
                ProposalLink(id: "link", accountID: StorageFixture.accountA, proposalID: "prop", tokenHash: "link-hash", createdAt: now))
            try await tx.apiTokens.insert(
                APIToken(id: "api", accountID: StorageFixture.accountA, name: "Zapier", tokenHash: "api-hash", createdAt: now, revokedAt: now))
        }
    }
}

extension StorageConformance {
    static let persistenceChecks: [Check] = [
        ("Everything written is there after closing and opening the store again", { try await $0.survivesRestart() }),
        ("Export holds every record once, sorted by id", { try await $0.exportsEverything() }),
        ("Import into an empty store gives identical data, and the in-memory store reads the dump", { try await $0.importRoundTrip() }),
        ("An import that clashes with existing ids keeps nothing of itself", { try await $0.importIsAllOrNothing() }),
    ]

    func survivesRestart() async throws {
        let fixture = try await StorageFixture(self)
        try await fixture.fillWithOneOfEverything()
        let before = try await fixture.storage.exportDump()
        try await fixture.storage.close()
        let reopened = try await fixture.reopen()
        if fixture.backend.persists {
            #expect(try await reopened.exportDump() == before)
        } else {
            #expect(try await reopened.exportDump().accounts.isEmpty, "a store in memory starts empty")
        }
        try await reopened.close()
        try? FileManager.default.removeItem(at: fixture.folder)
    }

    func exportsEverything() async throws {
        let fixture = try await StorageFixture(self)
        try await fixture.fillWithOneOfEverything()
        let dump = try await fixture.storage.exportDump()
        #expect(dump.formatVersion == StorageDump.currentFormatVersion)
        #expect(dump == dump.canonical)
        #expect(dump.accounts.count == 2 && dump.customers.count == 1 && dump.jobs.count == 2)
        for count in [dump.staffUsers.count, dump.proposals.count, dump.invoices.count, dump.payments.count, dump.leads.count, dump.loginTokens.count, dump.sessions.count, dump.outbox.count, dump.auditEvents.count, dump.proposalLinks.count, dump.apiTokens.count] {
            #expect(count == 1)
        }
        try await fixture.tearDown()
    }

    func importRoundTrip() async throws {
        try await dumpMoves(to: [self, .memory])
        try await StorageConformance.memory.dumpMoves(to: [self])
    }

    /// A dump of this backend's store, full of one of everything, imported into an empty store of each of `targets`,
    /// gives identical data, which the portal's queries find. The bundled backends run it against each other.
    public func dumpMoves(to targets: [StorageConformance]) async throws {
        let source = try await StorageFixture(self)
        try await source.fillWithOneOfEverything()
        let dump = try await source.storage.exportDump()
        for target in targets {
            let destination = try await StorageFixture(target)
            try await destination.storage.importDump(dump)
            #expect(try await destination.storage.exportDump() == dump, "\(name) → \(target.name)")
            // Imported data works like any other: the portal queries find it.
            #expect(try await destination.storage.customers.find(email: "cece@example.com", in: StorageFixture.accountA).count == 1)
            try await destination.tearDown()
        }
        try await source.tearDown()
    }

    func importIsAllOrNothing() async throws {
        let fixture = try await StorageFixture(self)
        try await fixture.fillWithOneOfEverything()
        var dump = try await fixture.storage.exportDump()
        // New accounts first, then an invoice whose id exists already.
        dump.accounts = [fixture.account("account-new")]
        dump.staffUsers = []
        dump.customers = []
        dump.jobs = []
        dump.proposals = []
        dump.payments = []
        dump.leads = []
        dump.loginTokens = []
        dump.sessions = []
        dump.outbox = []
        await #expect(throws: StorageError.self) { try await fixture.storage.importDump(dump) }
        #expect(try await fixture.storage.accounts.find("account-new") == nil)
        try await fixture.tearDown()
    }
}
