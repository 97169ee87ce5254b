import Foundation
import PortalKernel

/// Two companies. Greenleaf (A) has Cece, Bob, and two properties managed by Pat (one email, two customers);
/// Otherco (B) has Dana. Every title and number carries a marker (`MARK-…`) naming its owner.
struct Seed {
    static let keyA = "greenleaf"
    static let keyB = "otherco"
    static let accountA: Account.ID = "acct-a"
    static let accountB: Account.ID = "acct-b"
    static let cece: Customer.ID = "cust-cece"
    static let bob: Customer.ID = "cust-bob"
    static let patHome: Customer.ID = "cust-pat-home"
    static let patRental: Customer.ID = "cust-pat-rental"
    static let dana: Customer.ID = "cust-dana"

    /// Proposals of Cece's, by the rule that decides them.
    enum CeceProposal {
        /// Sent, unanswered, with an optional item: shown (P2).
        static let open: Proposal.ID = "prop-open"
        static let optionalItem: LineItem.ID = "line-optional"
        /// A second open one, for the email-link tests.
        static let emailed: Proposal.ID = "prop-emailed"
        /// Job created `active`: never shown (P1).
        static let createdActive: Proposal.ID = "prop-created-active"
        static let draft: Proposal.ID = "prop-draft"
        static let expired: Proposal.ID = "prop-expired"
        static let acceptedByStaff: Proposal.ID = "prop-staff-accepted"
        static let acceptedInPortal: Proposal.ID = "prop-portal-accepted"
    }

    enum CeceInvoice {
        static let unpaid: Invoice.ID = "inv-unpaid"
        static let paidRecently: Invoice.ID = "inv-paid-recent"
        static let paidLongAgo: Invoice.ID = "inv-paid-old"
        static let voided: Invoice.ID = "inv-voided"
        static let zero: Invoice.ID = "inv-zero"
    }

    static let bobProposal: Proposal.ID = "prop-bob"
    static let bobInvoice: Invoice.ID = "inv-bob"
    static let danaProposal: Proposal.ID = "prop-dana"
    static let danaInvoice: Invoice.ID = "inv-dana"
    /// Cece's weekly series (four visits from a week on, 08:00–10:00) and its first visit; Bob's and Dana's one-off
    /// visits (#23).
    static let ceceSeries: VisitSeries.ID = "series-cece"
    static let ceceVisit: Visit.ID = "visit-cece-0"
    static let bobVisit: Visit.ID = "visit-bob"
    static let danaVisit: Visit.ID = "visit-dana"
    /// The token of the emailed link to ``CeceProposal/emailed``.
    static let emailedLinkToken = SecretToken(value: "emailedLinkToken0123456789abcdefghijklmnopq")

    static let adminEmail = "alex@greenleaf.example"
    static let staffEmail = "sam@greenleaf.example"
    static let otherAdminEmail = "owner@otherco.example"
    static let staffPassword = "correct horse battery"
    static let portalLead: Lead.ID = "lead-portal"
    static let phoneLead: Lead.ID = "lead-phone"
    static let otherAccountLead: Lead.ID = "lead-otherco"

    let now: Date
    let settings: AccountSettings?
    /// The bcrypt hash of ``staffPassword``.
    let passwordHash: String
    /// Greenleaf's currency (SPEC M1); the seed's amounts are minor units of it.
    var currencyCode = "USD"

    func write(into storage: any PortalStorage) async throws {
        let today = CalendarDate.today(at: now, in: TimeZone(identifier: "America/New_York")!)
        try await storage.transaction { store in
            let settingsA = settings ?? AccountSettings(
                leadNotificationEmails: ["office@greenleaf.example", "owner@greenleaf.example"], allowsPartialPayments: true,
                serviceFeeBasisPoints: 300)
            try await store.accounts.insert(
                Account(
                    id: Self.accountA, name: "Greenleaf Lawn & Tree", portalKey: Self.keyA, currencyCode: currencyCode, settings: settingsA,
                    branding: Branding(displayName: "Greenleaf Lawn & Tree", phone: "555-0100", accentColor: "#1b5e20"),
                    createdAt: now))
            try await store.accounts.insert(
                Account(id: Self.accountB, name: "Otherco", portalKey: Self.keyB, branding: Branding(displayName: "Otherco"), createdAt: now))
            let address = Address(line1: "12 Oak St", city: "Springfield", region: "IL", postalCode: "62701")
            for (id, name, email, account) in [
                (Self.cece, "Cece MARK-CECE", "cece@example.com", Self.accountA), (Self.bob, "Bob MARK-BOB", "bob@example.com", Self.accountA),
                (Self.patHome, "Pat home MARK-PATHOME", "pat@example.com", Self.accountA),
                (Self.patRental, "Pat rental MARK-PATRENTAL", "pat@example.com", Self.accountA),
                (Self.dana, "Dana MARK-DANA", "dana@example.com", Self.accountB),
            ] {
                try await store.customers.insert(
                    Customer(id: id, accountID: account, displayName: name, emails: [email], phone: "555-0199",
                             billingAddress: address, serviceAddresses: [address]))
            }
            func job(_ id: String, _ customer: Customer.ID, _ account: Account.ID, created: Job.CreatedStage) async throws -> Job.ID {
                let job = Job(id: Job.ID(rawValue: id), accountID: account, customerID: customer, title: id, serviceAddress: address,
                              createdStage: created, createdAt: now)
                try await store.jobs.insert(job)
                return job.id
            }
            func proposal(_ id: Proposal.ID, _ customer: Customer.ID, _ account: Account.ID, job: Job.ID, marker: String,
                          status: Proposal.Status = .sent, expiresOn: CalendarDate? = nil, acceptedVia: AcceptanceChannel? = nil) -> Proposal {
                var proposal = Proposal(
                    id: id, accountID: account, jobID: job, customerID: customer, title: "Proposal \(marker)",
                    lineItems: [
                        LineItem(id: "line-\(id)-1", description: "Mulch beds", quantity: 3, unitPrice: Money(cents: 4_000)),
                        LineItem(id: id == CeceProposal.open ? CeceProposal.optionalItem : "line-\(id)-2",
                                 description: "Edge walkway", unitPrice: Money(cents: 2_500), isOptional: true),
                    ],
                    taxRateBasisPoints: 800, status: status, sentAt: status == .draft ? nil : now.addingTimeInterval(-86_400),
                    expiresOn: expiresOn ?? today.adding(days: 30), createdAt: now.addingTimeInterval(-2 * 86_400))
                if let acceptedVia {
                    proposal.acceptance = Acceptance(via: acceptedVia, acceptedAt: now, signatureName: "Someone", versionHash: proposal.contentHash)
                }
                return proposal
            }
            let leadJob = try await job("job-lead", Self.cece, Self.accountA, created: .lead)
            let proposalJob = try await job("job-proposal", Self.cece, Self.accountA, created: .proposal)
            let activeJob = try await job("job-active", Self.cece, Self.accountA, created: .active)
            for item in [
                proposal(CeceProposal.open, Self.cece, Self.accountA, job: leadJob, marker: "MARK-CECE-OPEN"),
                proposal(CeceProposal.emailed, Self.cece, Self.accountA, job: proposalJob, marker: "MARK-CECE-EMAILED"),
                proposal(CeceProposal.createdActive, Self.cece, Self.accountA, job: activeJob, marker: "MARK-CECE-ACTIVEJOB"),
                proposal(CeceProposal.draft, Self.cece, Self.accountA, job: proposalJob, marker: "MARK-CECE-DRAFT", status: .draft),
                proposal(CeceProposal.expired, Self.cece, Self.accountA, job: proposalJob, marker: "MARK-CECE-EXPIRED", expiresOn: today.adding(days: -1)),
                proposal(CeceProposal.acceptedByStaff, Self.cece, Self.accountA, job: proposalJob, marker: "MARK-CECE-STAFFACCEPTED", status: .accepted, acceptedVia: .staff),
                proposal(CeceProposal.acceptedInPortal, Self.cece, Self.accountA, job: proposalJob, marker: "MARK-CECE-PORTALACCEPTED", status: .accepted, acceptedVia: .portal),
                proposal(Self.bobProposal, Self.bob, Self.accountA, job: try await job("job-bob", Self.bob, Self.accountA, created: .proposal), marker: "MARK-BOB"),
                proposal(Self.danaProposal, Self.dana, Self.accountB, job: try await job("job-dana", Self.dana, Self.accountB, created: .proposal), marker: "MARK-DANA"),
            ] { try await store.proposals.insert(item) }
            try await store.proposalLinks.insert(
                ProposalLink(accountID: Self.accountA, proposalID: CeceProposal.emailed, tokenHash: Self.emailedLinkToken.hash, createdAt: now))

            func invoice(_ id: Invoice.ID, _ customer: Customer.ID, _ account: Account.ID, number: String, dated: Int,
                         cents: Int = 20_000, paid: Bool = false, voided: Bool = false) -> Invoice {
                Invoice(
                    id: id, accountID: account, customerID: customer, jobID: nil, number: number,
                    invoiceDate: today.adding(days: -dated), dueDate: today.adding(days: 30 - dated),
                    lineItems: [LineItem(description: "Lawn care \(number)", unitPrice: Money(cents: cents))],
                    amountPaid: paid ? Money(cents: cents) : .zero, voided: voided, createdAt: now)
            }
            for item in [
                invoice(CeceInvoice.unpaid, Self.cece, Self.accountA, number: "MARK-CECE-INV-UNPAID", dated: 10),
                invoice(CeceInvoice.paidRecently, Self.cece, Self.accountA, number: "MARK-CECE-INV-PAIDRECENT", dated: 100, paid: true),
                invoice(CeceInvoice.paidLongAgo, Self.cece, Self.accountA, number: "MARK-CECE-INV-PAIDOLD", dated: 400, paid: true),
                invoice(CeceInvoice.voided, Self.cece, Self.accountA, number: "MARK-CECE-INV-VOIDED", dated: 5, voided: true),
                invoice(CeceInvoice.zero, Self.cece, Self.accountA, number: "MARK-CECE-INV-ZERO", dated: 5, cents: 0),
                invoice(Self.bobInvoice, Self.bob, Self.accountA, number: "MARK-BOB-INV", dated: 3),
                invoice(Self.danaInvoice, Self.dana, Self.accountB, number: "MARK-DANA-INV", dated: 3),
            ] { try await store.invoices.insert(item) }

            let window = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!)
            let series = VisitSeries(
                id: Self.ceceSeries, accountID: Self.accountA, jobID: activeJob, customerID: Self.cece, cadence: .weekly,
                start: today.adding(days: 7), end: .count(4), window: window, crew: "Crew MARK-CECE", createdAt: now)
            try await store.records(VisitSeries.self).insert(series)
            for (index, date) in series.allDates.enumerated() {
                try await store.records(Visit.self).insert(
                    Visit(id: .init(rawValue: "visit-cece-\(index)"), accountID: Self.accountA, jobID: activeJob, customerID: Self.cece,
                          seriesID: series.id, date: date, window: window, crew: "Crew MARK-CECE", clientNote: "Gate code MARK-CECE-VISIT",
                          createdAt: now))
            }
            for (id, customer, account, marker) in [(Self.bobVisit, Self.bob, Self.accountA, "MARK-BOB-VISIT"), (Self.danaVisit, Self.dana, Self.accountB, "MARK-DANA-VISIT")] {
                let visitJob = try await job("job-\(id)", customer, account, created: .active)
                try await store.records(Visit.self).insert(
                    Visit(id: id, accountID: account, jobID: visitJob, customerID: customer, date: today.adding(days: 5), window: window,
                          clientNote: marker, createdAt: now))
            }

            for (id, email, role, account) in [
                ("staff-alex", Self.adminEmail, StaffUser.Role.admin, Self.accountA), ("staff-sam", Self.staffEmail, .staff, Self.accountA),
                ("staff-otherco", Self.otherAdminEmail, .admin, Self.accountB),
            ] {
                try await store.staffUsers.insert(
                    StaffUser(id: StaffUser.ID(rawValue: id), accountID: account, name: "Staff \(id)", email: email, passwordHash: passwordHash, role: role))
            }
            for (id, account, portal, name, email) in [
                (Self.portalLead, Self.accountA, true, "Jordan MARK-LEAD-PORTAL", "cece@example.com"),
                (Self.phoneLead, Self.accountA, false, "Riley MARK-LEAD-PHONE", "riley@example.net"),
                (Self.otherAccountLead, Self.accountB, true, "Quinn MARK-LEAD-OTHERCO", "quinn@example.net"),
            ] {
                let job = Job(id: Job.ID(rawValue: "job-\(id)"), accountID: account, customerID: nil, title: "Request \(id)",
                              createdStage: .lead, portalLead: portal, createdAt: now)
                try await store.jobs.insert(job)
                try await store.leads.insert(
                    Lead(id: id, accountID: account, jobID: job.id, portalLead: portal, name: name, email: email, phone: "555-0177",
                         serviceAddress: "9 Birch Road, Springfield, IL 62704", servicesWanted: ["Tree care"], description: "Dead ash by the drive",
                         submittedAt: now.addingTimeInterval(-3_600)))
            }
        }
    }
}
