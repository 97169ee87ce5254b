import Foundation
import PortalKernel
import Testing

extension StorageConformance {
    static let recordChecks: [Check] = [
        ("Every record type round-trips unchanged", { try await $0.roundTrips() }),
        ("Updates are kept; updating a record that does not exist is notFound", { try await $0.updates() }),
        ("One email can belong to several customers of an account; other accounts never show", { try await $0.sharedEmails() }),
        ("Portal candidates leave out drafts and voided invoices, and only that customer's; the portal documents are them with their proposals' jobs and the customer's visits from a date, alike in a read and a transaction", { try await $0.portalCandidates() }),
        ("A proposal or invoice moved to another customer leaves the first customer's portal", { try await $0.movedBetweenCustomers() }),
        ("Outbox: due messages oldest first, delivered ones left out, messages found by what they are about, depth counts every pending one", { try await $0.outbox() }),
        ("Sessions and login tokens expire and are deleted", { try await $0.expiry() }),
        ("Audit events: a record's timeline oldest first, its events since an instant newest first, the account's latest newest first", { try await $0.auditTrail() }),
        ("Proposal links are found by hash alone, are unique, and point inside their account", { try await $0.proposalLinks() }),
        ("API tokens: found by hash alone, listed newest first, revocation kept; staff found by email across accounts", { try await $0.apiTokensAndStaffByEmail() }),
        ("Visits and series: round-trip, found by customer from a date, by a range of dates and by series, in date order, never another account's; a visit needs its job", { try await $0.visits() }),
        ("Payment methods (#24): round-trip, a customer's on file the default first then newest, never a removed one, another customer's or another account's; a method needs its customer", { try await $0.paymentMethods() }),
        ("Tips and refunds (#24, F14, F15): round-trip, tips found by when they were paid, oldest first, refunds by payment and by their unique key, never another account's; a tip needs its payment", { try await $0.tips() }),
        ("Attached files (#25, F17): round-trip, found by the record they are attached to, oldest first, a removed one too, never another account's; one shared with a customer needs the customer", { try await $0.attachedFiles() }),
    ]

    func roundTrips() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        var account = fixture.account(StorageFixture.accountA)
        account.settings.openInvoiceWhen = .invoiceDateOrSent
        account.branding.logoURL = "https://example.com/logo.png"
        account.emailTemplates = [EmailTemplate(kind: .loginLink, subject: "Sign in to {{account.name}}", text: "{{link}}", html: "<a href=\"{{link}}\">Sign in</a>")]
        try await store.accounts.insert(account)
        #expect(try await store.accounts.find(account.id) == account)
        #expect(try await store.accounts.find(portalKey: account.portalKey) == account)

        let customer = fixture.customer("cust-1", in: account.id, emails: ["cece@example.com", "cc@example.com"])
        try await store.customers.insert(customer)
        #expect(try await store.customers.find(customer.id, in: account.id) == customer)

        let staff = StaffUser(id: "staff-1", accountID: account.id, name: "Alex", email: "Alex@Example.com", passwordHash: "$2b$hash", role: .admin)
        try await store.staffUsers.insert(staff)
        #expect(try await store.staffUsers.find(email: "alex@example.com", in: account.id) == staff)

        var job = fixture.job("job-1", customer: customer.id, in: account.id, created: .active)
        job.stage = .proposal
        job.workDate = CalendarDate(iso: "2026-12-01")
        try await store.jobs.insert(job)
        #expect(try await store.jobs.find(job.id, in: account.id) == job)

        var proposal = fixture.proposal("prop-1", job: job.id, customer: customer.id, in: account.id, status: .accepted)
        proposal.acceptance = Acceptance(
            via: .portal, acceptedAt: fixture.now, signatureName: "Cece", ipAddress: "127.0.0.1", userAgent: "Test",
            versionHash: proposal.contentHash, chosenOptionalItemIDs: ["line"])
        proposal.deposit = .percentage(basisPoints: 3_000)
        try await store.proposals.insert(proposal)
        #expect(try await store.proposals.find(proposal.id, in: account.id) == proposal)

        var invoice = fixture.invoice("INV-1", customer: customer.id, in: account.id)
        invoice.deposit = InvoiceDeposit(proposalID: proposal.id, amount: Money(cents: 300), wholeAmount: Money(cents: 1_000), paysWhole: true)
        try await store.invoices.insert(invoice)
        #expect(try await store.invoices.find(invoice.id, in: account.id) == invoice)
        #expect(try await store.invoices.find(number: "INV-1", in: account.id) == invoice)

        let payment = Payment(
            id: "pay-1", accountID: account.id, invoiceID: invoice.id, amount: Money(cents: 500), tip: Money(cents: 75), method: .card,
            source: .portal, gatewayReference: "sandbox_1", idempotencyKey: "key-1", receivedAt: fixture.now)
        try await store.payments.insert(payment)
        #expect(try await store.payments.find(idempotencyKey: "key-1", in: account.id) == payment)
        #expect(try await store.payments.find(payment.id, in: account.id) == payment)
        #expect(try await store.payments.all(for: invoice.id, in: account.id) == [payment])

        let lead = Lead(
            id: "lead-1", accountID: account.id, jobID: job.id, portalLead: true, name: "Jordan", email: "J@Example.net",
            phone: "555", serviceAddress: "9 Birch Rd", servicesWanted: ["Tree removal", "Stump"], description: "Dead ash",
            preferredDate: CalendarDate(iso: "2026-12-05"), tags: ["trees"], submittedAt: fixture.now)
        try await store.leads.insert(lead)
        #expect(try await store.leads.find(lead.id, in: account.id) == lead)

        let session = Session(
            id: "hash-of-cookie", accountID: account.id, principal: .client(email: "cece@example.com", customerID: customer.id),
            createdAt: fixture.now, lastSeenAt: fixture.now, absoluteExpiry: fixture.now.addingTimeInterval(3_600))
        try await store.sessions.save(session)
        #expect(try await store.sessions.find(session.id) == session)

        let message = OutboxMessage(
            id: "out-1", accountID: account.id,
            email: EmailMessage(to: [.init(address: "cece@example.com", name: "Cece")], subject: "Invoice", textBody: "Hi", htmlBody: "<p>Hi</p>"),
            about: .init(kind: .invoice, id: invoice.id.rawValue), nextAttemptAt: fixture.now, createdAt: fixture.now)
        try await store.outbox.enqueue(message)
        #expect(try await store.outbox.find(message.id, in: account.id) == message)
        try await fixture.tearDown()
    }

    func updates() async throws {
        let fixture = try await StorageFixture(self)
        var customer = try await fixture.seedAccountA()
        customer.displayName = "Renamed"
        customer.emails = ["new@example.com"]
        try await fixture.storage.customers.update(customer)
        #expect(try await fixture.storage.customers.find(customer.id, in: StorageFixture.accountA)?.displayName == "Renamed")
        #expect(try await fixture.storage.customers.find(email: "cece@example.com", in: StorageFixture.accountA).isEmpty)
        #expect(try await fixture.storage.customers.find(email: "NEW@example.com", in: StorageFixture.accountA) == [customer])

        let ghost = fixture.customer("ghost", in: StorageFixture.accountA, emails: [])
        await #expect(throws: StorageError.self) { try await fixture.storage.customers.update(ghost) }
        try await fixture.tearDown()
    }

    func sharedEmails() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        try await store.accounts.insert(fixture.account(StorageFixture.accountA))
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        let harbor = fixture.customer("harbor", in: StorageFixture.accountA, emails: ["pat@example.com", "board@example.com"])
        let maple = fixture.customer("maple", in: StorageFixture.accountA, emails: ["pat@example.com"])
        let elsewhere = fixture.customer("elsewhere", in: StorageFixture.accountB, emails: ["pat@example.com"])
        for customer in [harbor, maple, elsewhere] { try await store.customers.insert(customer) }
        let found = try await store.customers.find(email: " Pat@Example.com", in: StorageFixture.accountA)
        #expect(Set(found.map(\.id)) == ["harbor", "maple"])
        #expect(try await store.customers.find(email: "pat@example.com", in: StorageFixture.accountB).map(\.id) == ["elsewhere"])
        try await fixture.tearDown()
    }

    func portalCandidates() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let other = fixture.customer("other", in: StorageFixture.accountA, emails: ["other@example.com"])
        try await store.customers.insert(other)
        for job in ["job", "job-b", "job-draft", "job-none"] {
            try await store.jobs.insert(fixture.job(Job.ID(rawValue: job), customer: customer.id, in: StorageFixture.accountA))
        }
        try await store.jobs.insert(fixture.job("job-other", customer: other.id, in: StorageFixture.accountA))
        for (id, status, job) in [
            ("draft", Proposal.Status.draft, "job-draft"), ("sent", .sent, "job"), ("accepted", .accepted, "job-b"), ("declined", .declined, "job"),
        ] {
            try await store.proposals.insert(
                fixture.proposal(Proposal.ID(rawValue: id), job: Job.ID(rawValue: job), customer: customer.id, in: StorageFixture.accountA, status: status))
        }
        try await store.proposals.insert(fixture.proposal("others", job: "job-other", customer: other.id, in: StorageFixture.accountA, status: .sent))
        try await store.invoices.insert(fixture.invoice("INV-1", customer: customer.id, in: StorageFixture.accountA))
        try await store.invoices.insert(fixture.invoice("INV-2", customer: customer.id, in: StorageFixture.accountA, voided: true))
        try await store.invoices.insert(fixture.invoice("INV-3", customer: other.id, in: StorageFixture.accountA))

        let proposals = try await store.proposals.portalCandidates(for: customer.id, in: StorageFixture.accountA)
        #expect(Set(proposals.map(\.id.rawValue)) == ["sent", "accepted", "declined"])
        let invoices = try await store.invoices.portalCandidates(for: customer.id, in: StorageFixture.accountA)
        #expect(invoices.map(\.number) == ["INV-1"])

        // #23: the customer's visits from a date on, not another customer's.
        for (id, date, owner, job) in [
            ("visit-b", "2026-01-01", customer.id, "job"), ("visit-a", "2026-03-01", customer.id, "job-b"), ("visit-old", "2025-12-31", customer.id, "job"),
            ("visit-other", "2026-02-01", other.id, "job-other"),
        ] {
            try await store.records(Visit.self).insert(
                Visit(id: .init(rawValue: id), accountID: StorageFixture.accountA, jobID: .init(rawValue: job), customerID: owner,
                      date: CalendarDate(iso: date)!, createdAt: fixture.now))
        }

        // #22: the same, with the jobs of those proposals (not a draft's, not a job without one), each by id.
        let documents = try await store.portalDocuments(of: customer.id, in: StorageFixture.accountA, visitsFrom: CalendarDate(iso: "2026-01-01")!)
        #expect(documents.visits.map(\.id.rawValue) == ["visit-a", "visit-b"])
        #expect(documents.proposals.map(\.id.rawValue) == ["accepted", "declined", "sent"])
        #expect(documents.jobs.map(\.id.rawValue) == ["job", "job-b"])
        #expect(documents.invoices.map(\.number) == ["INV-1"])
        #expect(try await store.read { try await $0.portalDocuments(of: customer.id, in: StorageFixture.accountA, visitsFrom: CalendarDate(iso: "2026-01-01")!) } == documents)
        #expect(try await store.transaction { try await $0.portalDocuments(of: customer.id, in: StorageFixture.accountA, visitsFrom: CalendarDate(iso: "2026-01-01")!) } == documents)
        #expect(try await store.portalDocuments(of: customer.id, in: StorageFixture.accountB, visitsFrom: CalendarDate(iso: "2026-01-01")!) == PortalDocuments(proposals: [], jobs: [], invoices: []))
        try await fixture.tearDown()
    }

    func movedBetweenCustomers() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let first = try await fixture.seedAccountA()
        let second = fixture.customer("second", in: StorageFixture.accountA, emails: ["second@example.com"])
        try await store.customers.insert(second)
        try await store.jobs.insert(fixture.job("job", customer: first.id, in: StorageFixture.accountA))
        var proposal = fixture.proposal("p", job: "job", customer: first.id, in: StorageFixture.accountA, status: .sent)
        var invoice = fixture.invoice("INV-1", customer: first.id, in: StorageFixture.accountA)
        try await store.proposals.insert(proposal)
        try await store.invoices.insert(invoice)
        proposal.customerID = second.id
        invoice.customerID = second.id
        try await store.transaction { [proposal, invoice] tx in
            try await tx.proposals.update(proposal)
            try await tx.invoices.update(invoice)
        }
        #expect(try await store.proposals.portalCandidates(for: first.id, in: StorageFixture.accountA).isEmpty)
        #expect(try await store.invoices.portalCandidates(for: first.id, in: StorageFixture.accountA).isEmpty)
        #expect(try await store.proposals.portalCandidates(for: second.id, in: StorageFixture.accountA).map(\.id) == ["p"])
        #expect(try await store.invoices.portalCandidates(for: second.id, in: StorageFixture.accountA).map(\.number) == ["INV-1"])
        // And the same after a restart, when everything is read back from the files.
        try await store.close()
        guard fixture.backend.persists else {
            try? FileManager.default.removeItem(at: fixture.folder)
            return
        }
        let reopened = try await fixture.reopen()
        #expect(try await reopened.invoices.portalCandidates(for: first.id, in: StorageFixture.accountA).isEmpty)
        #expect(try await reopened.invoices.portalCandidates(for: second.id, in: StorageFixture.accountA).count == 1)
        #expect(try await reopened.customers.find(email: "second@example.com", in: StorageFixture.accountA).map(\.id) == ["second"])
        try await reopened.close()
        try? FileManager.default.removeItem(at: fixture.folder)
    }

    func outbox() async throws {
        let fixture = try await StorageFixture(self)
        _ = try await fixture.seedAccountA()
        let email = EmailMessage(to: [.init(address: "cece@example.com")], subject: "s", textBody: "t")
        func message(_ id: OutboxMessage.ID, dueIn seconds: Double, status: OutboxMessage.Status, about: String) -> OutboxMessage {
            OutboxMessage(
                id: id, accountID: StorageFixture.accountA, email: email, about: .init(kind: .invoice, id: about),
                status: status, nextAttemptAt: fixture.now.addingTimeInterval(seconds), createdAt: fixture.now)
        }
        for item in [
            message("later", dueIn: 60, status: .queued, about: "inv-1"),
            message("first", dueIn: -60, status: .retrying, about: "inv-1"),
            message("second", dueIn: -30, status: .queued, about: "inv-2"),
            message("done", dueIn: -90, status: .delivered, about: "inv-1"),
        ] { try await fixture.storage.outbox.enqueue(item) }
        let due = try await fixture.storage.outbox.due(at: fixture.now, limit: 10)
        #expect(due.map(\.id) == ["first", "second"])
        #expect(try await fixture.storage.outbox.depth() == 3)
        let aboutInvoice1 = try await fixture.storage.outbox.all(about: .init(kind: .invoice, id: "inv-1"), in: StorageFixture.accountA)
        #expect(Set(aboutInvoice1.map(\.id)) == ["later", "first", "done"])
        #expect(try await fixture.storage.outbox.all(about: .init(kind: .invoice, id: "inv-1"), in: StorageFixture.accountB).isEmpty)
        try await fixture.tearDown()
    }

    func expiry() async throws {
        let fixture = try await StorageFixture(self)
        let customer = try await fixture.seedAccountA()
        let store = fixture.storage
        let old = Session(
            id: "old", accountID: StorageFixture.accountA, principal: .staff("staff-1"), createdAt: fixture.now,
            lastSeenAt: fixture.now, absoluteExpiry: fixture.now.addingTimeInterval(-1))
        var current = old
        current.id = "current"
        current.absoluteExpiry = fixture.now.addingTimeInterval(60)
        current.principal = .client(email: "cece@example.com", customerID: customer.id)
        try await store.sessions.save(old)
        try await store.sessions.save(current)
        #expect(try await store.sessions.deleteExpired(before: fixture.now) == 1)
        #expect(try await store.sessions.find("old") == nil)
        try await store.sessions.delete("current")
        #expect(try await store.sessions.find("current") == nil)

        try await store.loginTokens.insert(
            LoginToken(accountID: StorageFixture.accountA, tokenHash: "h1", email: "cece@example.com", createdAt: fixture.now, expiresAt: fixture.now.addingTimeInterval(-1)))
        try await store.loginTokens.insert(
            LoginToken(accountID: StorageFixture.accountA, tokenHash: "h2", email: "cece@example.com", createdAt: fixture.now, expiresAt: fixture.now.addingTimeInterval(600)))
        #expect(try await store.loginTokens.deleteExpired(before: fixture.now) == 1)
        #expect(try await store.loginTokens.find(hash: "h1", in: StorageFixture.accountA) == nil)
        #expect(try await store.loginTokens.find(hash: "h2", in: StorageFixture.accountA) != nil)
        try await fixture.tearDown()
    }

    func auditTrail() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        let a = StorageFixture.accountA
        func event(_ id: AuditEvent.ID, _ action: AuditEvent.Action, about: RecordReference?, minutes: Double, in account: Account.ID = a) -> AuditEvent {
            AuditEvent(
                id: id, accountID: account, action: action, about: about, customerID: customer.id, actorEmail: "cece@example.com",
                ipAddress: "203.0.113.9", userAgent: "Phone", occurredAt: fixture.now.addingTimeInterval(minutes * 60))
        }
        let viewed = event("e1", .proposalViewed, about: .proposal("p"), minutes: 1)
        let accepted = event("e2", .proposalAccepted, about: .proposal("p"), minutes: 2)
        let login = event("e0", .loggedIn, about: .customer(customer.id), minutes: 0)
        let otherProposal = event("e3", .proposalViewed, about: .proposal("q"), minutes: 3)
        let otherAccount = event("e4", .proposalViewed, about: .proposal("p"), minutes: 4, in: StorageFixture.accountB)
        for item in [accepted, otherProposal, viewed, login, otherAccount] { try await store.auditEvents.record(item) }

        #expect(try await store.auditEvents.all(about: .proposal("p"), in: a) == [viewed, accepted])
        // Since an instant: that instant included, newest first, other records and accounts left out.
        let since = fixture.now.addingTimeInterval(60)
        #expect(try await store.auditEvents.all(about: .proposal("p"), since: since, in: a) == [accepted, viewed])
        #expect(try await store.auditEvents.all(about: .proposal("p"), since: since.addingTimeInterval(0.001), in: a) == [accepted])
        #expect(try await store.auditEvents.all(about: .proposal("p"), since: since, in: StorageFixture.accountB) == [otherAccount])
        #expect(try await store.auditEvents.recent(in: a, limit: 3) == [otherProposal, accepted, viewed])
        #expect(try await store.auditEvents.recent(in: StorageFixture.accountB, limit: 10) == [otherAccount])
        await #expect(throws: StorageError.self) { try await store.auditEvents.record(viewed) }
        try await fixture.tearDown()
    }

    func proposalLinks() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        try await store.jobs.insert(fixture.job("job", customer: customer.id, in: a))
        try await store.proposals.insert(fixture.proposal("p", job: "job", customer: customer.id, in: a, status: .sent))
        let link = ProposalLink(id: "l1", accountID: a, proposalID: "p", tokenHash: "h1", createdAt: fixture.now)
        try await store.proposalLinks.insert(link)
        // Sending again gives a second link; both work.
        let second = ProposalLink(id: "l2", accountID: a, proposalID: "p", tokenHash: "h2", createdAt: fixture.now)
        try await store.proposalLinks.insert(second)
        #expect(try await store.proposalLinks.find(hash: "h1") == link)
        #expect(try await store.proposalLinks.find(hash: "h2") == second)
        #expect(try await store.proposalLinks.find(hash: "unknown") == nil)
        await #expect(throws: StorageError.self) {
            try await store.proposalLinks.insert(ProposalLink(accountID: a, proposalID: "p", tokenHash: "h1", createdAt: fixture.now))
        }
        await #expect(throws: StorageError.self) {
            try await store.proposalLinks.insert(
                ProposalLink(accountID: StorageFixture.accountB, proposalID: "p", tokenHash: "h3", createdAt: fixture.now))
        }
        try await fixture.tearDown()
    }

    func apiTokensAndStaffByEmail() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        _ = try await fixture.seedAccountA()
        var b = fixture.account(StorageFixture.accountB)
        b.createdAt = fixture.now.addingTimeInterval(60)
        try await store.accounts.insert(b)
        let a = StorageFixture.accountA
        let older = APIToken(id: "t1", accountID: a, name: "Zapier", tokenHash: "h1", createdAt: fixture.now)
        var newer = APIToken(id: "t2", accountID: a, name: "Books", tokenHash: "h2", createdAt: fixture.now.addingTimeInterval(5))
        try await store.apiTokens.insert(older)
        try await store.apiTokens.insert(newer)
        #expect(try await store.apiTokens.find(hash: "h2") == newer)
        #expect(try await store.apiTokens.all(in: a) == [newer, older])
        #expect(try await store.apiTokens.all(in: StorageFixture.accountB).isEmpty)
        #expect(try await store.apiTokens.find("t1", in: StorageFixture.accountB) == nil)
        newer.revokedAt = fixture.now.addingTimeInterval(10)
        try await store.apiTokens.update(newer)
        #expect(try await store.apiTokens.find(hash: "h2")?.isActive == false)
        await #expect(throws: StorageError.self) {
            try await store.apiTokens.insert(APIToken(accountID: a, name: "Dup", tokenHash: "h1", createdAt: fixture.now))
        }

        let inB = StaffUser(id: "s-b", accountID: StorageFixture.accountB, name: "Alex", email: "alex@example.com", passwordHash: "x", role: .staff)
        let inA = StaffUser(id: "s-a", accountID: a, name: "Alex", email: "Alex@Example.com", passwordHash: "y", role: .admin)
        try await store.staffUsers.insert(inB)
        try await store.staffUsers.insert(inA)
        #expect(try await store.staffUsers.all(email: " ALEX@example.com") == [inA, inB])
        #expect(try await store.staffUsers.all(email: "nobody@example.com").isEmpty)
        try await fixture.tearDown()
    }
}
