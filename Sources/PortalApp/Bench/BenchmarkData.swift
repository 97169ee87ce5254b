import Foundation
import PortalKernel

/// A synthetic company for the benchmarks: one account; customers; proposals (each with its own job, sent, spread
/// over the customers in turn); invoices spread over the customers in turn, a third of them paid.
enum BenchmarkData {
    static let accountID: Account.ID = "bench"

    /// The storage benchmark's shape: one customer per ten invoices, one proposal per customer.
    static func dump(invoices count: Int, now: Date) -> StorageDump {
        let customers = max(1, count / 10)
        return dump(customers: customers, invoices: count, proposals: customers, now: now)
    }

    /// `customers` customers (`client<i>@example.com`), `proposals` proposals and `invoices` invoices; customer `i`
    /// holds invoices `i`, `i + customers`, … so every customer has about the same number whatever the size.
    static func dump(customers customerCount: Int, invoices count: Int, proposals proposalCount: Int, now: Date) -> StorageDump {
        let account = Account(
            id: accountID, name: "Benchmark Landscaping", portalKey: "bench", branding: Branding(displayName: "Bench"),
            createdAt: now)
        let today = account.today(at: now)
        var dump = StorageDump(accounts: [account])
        dump.customers = (0..<customerCount).map { index in
            Customer(id: customerID(index), accountID: accountID, displayName: "Customer \(index)", emails: [email(index)])
        }
        for index in 0..<proposalCount {
            let customer = customerID(index % customerCount)
            let job = Job(
                id: Job.ID(rawValue: "job-\(index)"), accountID: accountID, customerID: customer, title: "Maintenance",
                createdStage: .proposal, createdAt: now)
            dump.jobs.append(job)
            dump.proposals.append(
                Proposal(
                    id: Proposal.ID(rawValue: "proposal-\(index)"), accountID: accountID, jobID: job.id, customerID: customer,
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
