import Foundation
import PortalKernel

/// A sample landscaping company whose records exercise every portal visibility rule (SPEC P1–P4, I1–I3).
///
/// Dates are relative to the day it is created, so the sample looks the same whenever it is made. Identifiers
/// are fixed, which is what makes `portal demo` safe to run twice.
struct DemoCompany {
    static let accountID: Account.ID = "demo-account"
    static let portalKey = "greenleaf-demo"
    static let adminEmail = "admin@greenleaf.example"
    /// The client to log in as; `sharedEmail` belongs to two customers (a property manager).
    static let clientEmail = "cece@example.com"
    static let sharedEmail = "pat.manager@example.com"
    /// The open proposal `portal demo` prints an emailed link to (accepting there takes it out of the portal).
    static let emailedProposalID: Proposal.ID = "demo-proposal-tree-planting"

    let account: Account
    let admin: StaffUser
    let customers: [Customer]
    let jobs: [Job]
    let proposals: [Proposal]
    let invoices: [Invoice]
    let payments: [Payment]
    let leads: [Lead]
    let visitSeries: [VisitSeries]
    let visits: [Visit]

    init(now: Date, adminPasswordHash: String) {
        let accountID = Self.accountID
        let account = Account(
            id: accountID, name: "Greenleaf Landscaping & Tree Care", portalKey: Self.portalKey,
            timeZoneIdentifier: "America/Chicago", currencyCode: "USD",
            settings: AccountSettings(
                leadNotificationEmails: ["office@greenleaf.example", "sales@greenleaf.example"],
                openInvoiceWhen: .invoiceDateOrSent, allowsPartialPayments: true, serviceFeeBasisPoints: 300, allowsTips: true),
            branding: Branding(
                displayName: "Greenleaf Landscaping", phone: "(555) 010-2200", email: "office@greenleaf.example",
                address: "400 Meadow Lane, Springfield, IL 62701", accentColor: "#2f7d32"),
            createdAt: now)
        let today = account.today(at: now)
        func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }

        let oak = Address(line1: "12 Oak Street", city: "Springfield", region: "IL", postalCode: "62704")
        let harborAddress = Address(line1: "1 Harbor View Drive", city: "Springfield", region: "IL", postalCode: "62702")
        let cece = Customer(
            id: "demo-cece", accountID: accountID, displayName: "Cece Cunningham", emails: [Self.clientEmail],
            phone: "(555) 010-3301", billingAddress: oak, serviceAddresses: [oak])
        let harbor = Customer(
            id: "demo-harbor", accountID: accountID, displayName: "Harbor View HOA",
            emails: [Self.sharedEmail, "board@harborview.example"], billingAddress: harborAddress,
            serviceAddresses: [harborAddress])
        let maple = Customer(
            id: "demo-maple", accountID: accountID, displayName: "Maple Court Apartments", emails: [Self.sharedEmail],
            serviceAddresses: [Address(line1: "88 Maple Court", city: "Springfield", region: "IL", postalCode: "62703")])
        customers = [cece, harbor, maple]

        var jobs: [Job] = []
        var proposals: [Proposal] = []
        /// A job and its one proposal, for customer `customer`.
        func jobWithProposal(
            _ key: String, title: String, customer: Customer, created: Job.CreatedStage, stage: Job.Stage,
            status: Proposal.Status, sentDaysAgo: Int? = 5, expiresIn: Int = 25, accepted: AcceptanceChannel? = nil,
            deposit: Deposit? = nil, items: [LineItem]
        ) {
            let job = Job(
                id: "demo-job-\(key)", accountID: accountID, customerID: customer.id, title: title,
                serviceAddress: customer.serviceAddresses.first, createdStage: created, stage: stage,
                createdAt: daysAgo(40))
            var proposal = Proposal(
                id: "demo-proposal-\(key)", accountID: accountID, jobID: job.id, customerID: customer.id, title: title,
                lineItems: items, taxRateBasisPoints: 625, deposit: deposit, status: status, sentAt: sentDaysAgo.map(daysAgo),
                expiresOn: sentDaysAgo.map { today.adding(days: expiresIn - $0) }, createdAt: daysAgo(40))
            if let accepted {
                proposal.acceptance = Acceptance(
                    via: accepted, acceptedAt: daysAgo(2), signatureName: customer.displayName,
                    versionHash: proposal.contentHash)
            }
            if status == .declined { proposal.declineReason = "We decided to wait until next season." }
            jobs.append(job)
            proposals.append(proposal)
        }
        let mowing = [LineItem(id: "demo-item-mow", description: "Weekly mowing (season)", quantity: 26, unitPrice: Money(cents: 4_500))]
        jobWithProposal(
            "spring-cleanup", title: "Spring clean-up and mulch", customer: cece, created: .lead, stage: .proposal,
            status: .sent, deposit: .percentage(basisPoints: 3_000),
            items: [
                LineItem(id: "demo-item-cleanup", description: "Spring clean-up, beds and lawn", quantity: 1, unitPrice: Money(cents: 38_000)),
                LineItem(id: "demo-item-mulch", description: "Hardwood mulch, installed (yards)", quantity: 6, unitPrice: Money(cents: 6_500)),
                LineItem(id: "demo-item-edging", description: "Steel bed edging (optional)", quantity: 40, unitPrice: Money(cents: 900), isOptional: true),
            ])
        jobWithProposal(
            "tree-planting", title: "Two red maples, planted", customer: cece, created: .proposal, stage: .proposal,
            status: .sent,
            items: [
                LineItem(id: "demo-item-maple", description: "Red maple, 2 in. caliper, planted and staked", quantity: 2, unitPrice: Money(cents: 42_500)),
                LineItem(id: "demo-item-guard", description: "Trunk guards (optional)", quantity: 2, unitPrice: Money(cents: 1_800), isOptional: true),
            ])
        jobWithProposal("draft", title: "Irrigation start-up", customer: cece, created: .proposal, stage: .proposal, status: .draft, sentDaysAgo: nil, items: mowing)
        jobWithProposal("reverted", title: "Oak pruning (created active, reverted)", customer: cece, created: .active, stage: .proposal, status: .sent, items: mowing)
        jobWithProposal("accepted-portal", title: "Weekly mowing", customer: cece, created: .proposal, stage: .active, status: .accepted, accepted: .portal, items: mowing)
        jobWithProposal("accepted-email", title: "Fall aeration", customer: cece, created: .proposal, stage: .active, status: .accepted, accepted: .emailLink, items: mowing)
        jobWithProposal("accepted-staff", title: "Hedge trimming", customer: cece, created: .lead, stage: .active, status: .accepted, accepted: .staff, items: mowing)
        jobWithProposal("declined", title: "Patio pavers", customer: cece, created: .proposal, stage: .lost, status: .declined, items: mowing)
        jobWithProposal("expired", title: "Stump grinding", customer: cece, created: .proposal, stage: .proposal, status: .sent, sentDaysAgo: 40, expiresIn: 30, items: mowing)
        jobWithProposal("harbor-trees", title: "Common-area tree care", customer: harbor, created: .lead, stage: .proposal, status: .sent, items: mowing)

        let visitorJob = Job(
            id: "demo-job-portal-lead", accountID: accountID, customerID: nil, title: "Service request: tree removal",
            createdStage: .lead, portalLead: true, createdAt: daysAgo(1))
        let phoneJob = Job(
            id: "demo-job-phone-lead", accountID: accountID, customerID: nil, title: "Phone enquiry: lawn care",
            createdStage: .lead, createdAt: daysAgo(3))
        // Finished work, billed below: one job completed, one closed after payment.
        let completedJob = Job(
            id: "demo-job-completed", accountID: accountID, customerID: cece.id, title: "Summer maintenance",
            serviceAddress: oak, createdStage: .active, stage: .completed, workDate: today.adding(days: -210),
            completedDate: today.adding(days: -200), createdAt: daysAgo(220))
        let closedJob = Job(
            id: "demo-job-closed", accountID: accountID, customerID: harbor.id, title: "Storm clean-up",
            serviceAddress: harborAddress, createdStage: .active, stage: .closed, workDate: today.adding(days: -105),
            completedDate: today.adding(days: -100), createdAt: daysAgo(110))
        // #23: weekly mowing, three weeks done, the next visit tomorrow (inside the 48-hour cut-off, so its changes
        // are closed), more ahead; and a one-off aeration visit in ten days.
        let mowingJob = Job(
            id: "demo-job-mowing", accountID: accountID, customerID: cece.id, title: "Weekly mowing", serviceAddress: oak,
            createdStage: .active, createdAt: daysAgo(30))
        jobs += [visitorJob, phoneJob, completedJob, closedJob, mowingJob]
        self.jobs = jobs
        let morning = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!)
        let weekly = VisitSeries(
            id: "demo-series-mowing", accountID: accountID, jobID: mowingJob.id, customerID: cece.id, cadence: .weekly,
            start: today.adding(days: -20), end: .count(20), window: morning, crew: "Crew 2", createdAt: daysAgo(30))
        visitSeries = [weekly]
        visits = weekly.allDates.enumerated().map { index, date in
            let done = date < today
            return Visit(
                id: .init(rawValue: "demo-visit-mowing-\(index)"), accountID: accountID, jobID: mowingJob.id, customerID: cece.id,
                seriesID: weekly.id, date: date, window: morning, status: done ? .completed : .scheduled, crew: "Crew 2",
                completedAt: done ? date.instant(at: LocalTime(hour: 9, minute: 30)!, in: account.timeZone) : nil, createdAt: daysAgo(30))
        } + [
            Visit(
                id: "demo-visit-aeration", accountID: accountID, jobID: "demo-job-accepted-email", customerID: cece.id,
                date: today.adding(days: 10), window: ArrivalWindow(start: LocalTime(hour: 13, minute: 0)!, end: LocalTime(hour: 15, minute: 0)!),
                crew: "Crew 1", clientNote: "Please keep the side gate closed: our dog will be in the garden.", createdAt: daysAgo(2)),
        ]
        self.proposals = proposals
        leads = [
            Lead(
                id: "demo-lead-portal", accountID: accountID, jobID: visitorJob.id, portalLead: true,
                name: "Jordan Lee", email: "jordan.lee@example.net", phone: "(555) 010-4410",
                serviceAddress: "9 Birch Road, Springfield, IL 62704", servicesWanted: ["Tree removal"],
                description: "A dead ash tree leans toward the garage.", preferredDate: today.adding(days: 7),
                submittedAt: daysAgo(1)),
            Lead(
                id: "demo-lead-phone", accountID: accountID, jobID: phoneJob.id, portalLead: false,
                name: "Sam Rivera", email: "sam.rivera@example.net", serviceAddress: "31 Elm Street, Springfield, IL",
                servicesWanted: ["Lawn care"], description: "Called the office asking about weekly mowing.",
                submittedAt: daysAgo(3)),
        ]

        var invoices: [Invoice] = []
        var payments: [Payment] = []
        /// An invoice of `dollars`, dated `dated` days ago (negative: in the future), with `paid` cents paid.
        func invoice(
            _ number: Int, customer: Customer, dated: Int, dollars: Int, paid: Int = 0, sent: Bool = true,
            voided: Bool = false, job: Job? = nil
        ) {
            let id = Invoice.ID(rawValue: "demo-invoice-\(number)")
            invoices.append(
                Invoice(
                    id: id, accountID: accountID, customerID: customer.id, jobID: job?.id, number: "INV-\(number)",
                    invoiceDate: today.adding(days: -dated), dueDate: today.adding(days: 30 - dated),
                    sentAt: sent ? daysAgo(max(dated, 0)) : nil,
                    lineItems: [LineItem(id: "demo-item-inv-\(number)", description: "Landscape maintenance", unitPrice: Money(cents: dollars * 100))],
                    amountPaid: Money(cents: paid), voided: voided, createdAt: daysAgo(max(dated, 0))))
            if paid > 0 {
                payments.append(
                    Payment(
                        id: "demo-payment-\(number)", accountID: accountID, invoiceID: id, amount: Money(cents: paid),
                        method: .check, source: .staff, receivedAt: daysAgo(max(dated - 10, 0))))
            }
        }
        // Cece's open invoices are for the weekly mowing, whose visits name the crew her tips go to (SPEC F14).
        invoice(1001, customer: cece, dated: 30, dollars: 240, job: mowingJob)  // unpaid: visible
        invoice(1002, customer: cece, dated: 200, dollars: 180, paid: 18_000, job: completedJob)  // paid, within a year: visible
        invoice(1003, customer: cece, dated: 400, dollars: 150, paid: 15_000)  // paid, over a year: hidden
        invoice(1004, customer: cece, dated: 400, dollars: 95, job: mowingJob)  // unpaid, over a year: visible until paid
        invoice(1005, customer: cece, dated: 20, dollars: 300, voided: true)  // voided: hidden
        invoice(1006, customer: cece, dated: 15, dollars: 0)  // total 0: hidden
        invoice(1007, customer: cece, dated: 10, dollars: 500, paid: 20_000, job: mowingJob)  // partial payment: visible
        invoice(1008, customer: cece, dated: -10, dollars: 120, sent: false)  // future date, not sent: not open
        invoice(1009, customer: cece, dated: -10, dollars: 130, job: mowingJob)  // future date but sent: open
        invoice(1010, customer: maple, dated: 12, dollars: 410)
        invoice(1011, customer: harbor, dated: 100, dollars: 275, paid: 27_500, job: closedJob)
        self.invoices = invoices
        self.payments = payments

        self.account = account
        admin = StaffUser(
            id: "demo-admin", accountID: accountID, name: "Alex Admin", email: Self.adminEmail,
            passwordHash: adminPasswordHash, role: .admin)
    }
}
