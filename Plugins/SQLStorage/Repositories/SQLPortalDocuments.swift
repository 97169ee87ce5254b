import Foundation
import PortalKernel
import SQLKit

extension SQLRepositories {
    /// The customer's portal documents in one statement (#22): the proposal and invoice candidates of the kernel's
    /// queries, the jobs of those proposals, and the visits from `visitsFrom` on (#23), as one `UNION ALL` of the
    /// tables' `record` columns, each row tagged with its part; ``PortalDocuments`` puts each part in id order as
    /// bytes, as a query of its own would be.
    func portalDocuments(of customer: Customer.ID, in account: Account.ID, visitsFrom: CalendarDate) async throws -> PortalDocuments {
        let proposals = try access.condition(of: .portalCandidates(for: customer, in: account) as RecordQuery<Proposal>)
        let invoices = try access.condition(of: .portalCandidates(for: customer, in: account) as RecordQuery<Invoice>)
        let visits = try access.condition(
            of: RecordQuery<Visit>(
                in: account, where: [.equal("customer_id", .text(customer.rawValue)), .atLeast("visit_date", .text(visitsFrom.description))]))
        let rows = try await access.run(
            """
            SELECT 0 AS part, \(SQLAccess.recordColumn) FROM proposal WHERE \(proposals) \
            UNION ALL SELECT 1 AS part, \(SQLAccess.recordColumn) FROM job \
            WHERE account_id = \(bind: account.rawValue) AND id IN (SELECT job_id FROM proposal WHERE \(proposals)) \
            UNION ALL SELECT 2 AS part, \(SQLAccess.recordColumn) FROM invoice WHERE \(invoices) \
            UNION ALL SELECT 3 AS part, \(SQLAccess.recordColumn) FROM visit WHERE \(visits)
            """, reads: true)
        var (proposalRecords, jobs, invoiceRecords, visitRecords) = ([Proposal](), [Job](), [Invoice](), [Visit]())
        let decoder = StorageJSON.decoder()
        for row in rows {
            switch try row.decode(column: "part", as: Int.self) {
            case 0: proposalRecords.append(try SQLAccess.record(Proposal.self, in: row, decoder))
            case 1: jobs.append(try SQLAccess.record(Job.self, in: row, decoder))
            case 2: invoiceRecords.append(try SQLAccess.record(Invoice.self, in: row, decoder))
            default: visitRecords.append(try SQLAccess.record(Visit.self, in: row, decoder))
            }
        }
        return PortalDocuments(proposals: proposalRecords, jobs: jobs, invoices: invoiceRecords, visits: visitRecords)
    }
}
