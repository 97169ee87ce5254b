import Foundation
import PortalKernel

/// Small builders for kernel records, so each test states only what it is about.
enum Fixture {
    static let accountID: Account.ID = "account-a"
    static let customerID: Customer.ID = "customer-a"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static func job(created: Job.CreatedStage, stage: Job.Stage? = nil) -> Job {
        Job(
            id: "job-1", accountID: accountID, customerID: customerID, title: "Spring clean-up",
            createdStage: created, stage: stage, createdAt: now)
    }

    static func proposal(
        status: Proposal.Status, acceptedVia: AcceptanceChannel? = nil, expiresOn: CalendarDate? = nil
    ) -> Proposal {
        var proposal = Proposal(
            id: "proposal-1", accountID: accountID, jobID: "job-1", customerID: customerID, title: "Spring clean-up",
            lineItems: [LineItem(id: "item-1", description: "Clean-up", unitPrice: Money(cents: 25_000))],
            status: status, sentAt: status == .draft ? nil : now, expiresOn: expiresOn, createdAt: now)
        if let acceptedVia {
            proposal.acceptance = Acceptance(
                via: acceptedVia, acceptedAt: now, signatureName: "Cece Cunningham", versionHash: proposal.contentHash)
        }
        return proposal
    }

    /// An invoice of `cents`, dated `invoiceDate`, with `paid` cents paid.
    static func invoice(
        dated invoiceDate: CalendarDate = date("2026-01-15"), cents: Int = 10_000, paid: Int = 0, sent: Bool = false,
        voided: Bool = false, number: String = "INV-1"
    ) -> Invoice {
        Invoice(
            id: Invoice.ID(rawValue: "invoice-\(number)"), accountID: accountID, customerID: customerID,
            number: number, invoiceDate: invoiceDate, sentAt: sent ? now : nil,
            lineItems: [LineItem(description: "Mowing", unitPrice: Money(cents: cents))],
            amountPaid: Money(cents: paid), voided: voided, createdAt: now)
    }

    static func settings(openWhen: OpenInvoiceRule = .generated, retentionDays: Int = 365) -> AccountSettings {
        AccountSettings(openInvoiceWhen: openWhen, paidInvoiceRetentionDays: retentionDays)
    }
}
