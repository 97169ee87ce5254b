import Foundation
import PortalKernel

/// A synthetic company of a given size for the storage benchmark: one account, one customer per ten invoices,
/// each customer with a job and a sent proposal; a third of the invoices paid.
enum BenchmarkData {
    static let accountID: Account.ID = "bench"

    static func dump(invoices count: Int, now: Date) -> StorageDump {
        let customerCount = max(1, count / 10)
        let account = Account(
            id: accountID, name: "Benchmark Landscaping", portalKey: "bench", branding: Branding(displayName: "Bench"),
            createdAt: now)
        let today = account.today(at: now)
        var dump = StorageDump(accounts: [account])
        for index in 0..<customerCount {
            let customer = Customer(
                id: customerID(index), accountID: accountID, displayName: "Customer \(index)", emails: [email(index)])
            let job = Job(
                id: Job.ID(rawValue: "job-\(index)"), accountID: accountID, customerID: customer.id, title: "Maintenance",
                createdStage: .proposal, createdAt: now)
            dump.customers.append(customer)
            dump.jobs.append(job)
            dump.proposals.append(
                Proposal(
                    id: Proposal.ID(rawValue: "proposal-\(index)"), accountID: accountID, jobID: job.id, customerID: customer.id,
                    title: "Season", lineItems: [LineItem(description: "Mowing", quantity: 26, unitPrice: Money(cents: 4_500))],
                    status: .sent, sentAt: now, expiresOn: today.adding(days: 30), createdAt: now))
        }
        for index in 0..<count {
            let total = 10_000 + (index % 50) * 100
            dump.invoices.append(
                Invoice(
                    id: invoiceID(index), accountID: accountID, customerID: customerID(index % customerCount),
                    number: "INV-\(index)", invoiceDate: today.adding(days: -(index % 500)),
                    lineItems: [LineItem(description: "Visit", unitPrice: Money(cents: total))],
                    amountPaid: Money(cents: index % 3 == 0 ? total : 0), createdAt: now))
        }
        return dump
    }

    static func customerID(_ index: Int) -> Customer.ID { Customer.ID(rawValue: "customer-\(index)") }
    static func invoiceID(_ index: Int) -> Invoice.ID { Invoice.ID(rawValue: "invoice-\(index)") }
    static func email(_ index: Int) -> String { "client\(index)@example.com" }
}
