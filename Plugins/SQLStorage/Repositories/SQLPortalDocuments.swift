import Foundation
import PortalKernel
import SQLKit

extension SQLRepositories {
    /// The customer's portal documents in one statement (#22): the proposal and invoice candidates of the kernel's
    /// queries, and the jobs of those proposals, as one `UNION ALL` of the tables' `record` columns, each row tagged
    /// with its part. Each part is then put in id order as bytes, as a query of its own would be.
    func portalDocuments(of customer: Customer.ID, in account: Account.ID) async throws -> PortalDocuments {
        let proposals = try access.condition(of: .portalCandidates(for: customer, in: account) as RecordQuery<Proposal>)
        let invoices = try access.condition(of: .portalCandidates(for: customer, in: account) as RecordQuery<Invoice>)
        let rows = try await access.run(
            """
            SELECT 0 AS part, \(SQLAccess.recordColumn) FROM proposal WHERE \(proposals) \
            UNION ALL SELECT 1 AS part, \(SQLAccess.recordColumn) FROM job \
            WHERE account_id = \(bind: account.rawValue) AND id IN (SELECT job_id FROM proposal WHERE \(proposals)) \
            UNION ALL SELECT 2 AS part, \(SQLAccess.recordColumn) FROM invoice WHERE \(invoices)
            """, reads: true)
        var documents = PortalDocuments(proposals: [], jobs: [], invoices: [])
        let decoder = StorageJSON.decoder()
        for row in rows {
            switch try row.decode(column: "part", as: Int.self) {
            case 0: documents.proposals.append(try SQLAccess.record(Proposal.self, in: row, decoder))
            case 1: documents.jobs.append(try SQLAccess.record(Job.self, in: row, decoder))
            default: documents.invoices.append(try SQLAccess.record(Invoice.self, in: row, decoder))
            }
        }
        func byID<Record>(_ id: KeyPath<Record, String>) -> (Record, Record) -> Bool {
            { $0[keyPath: id].utf8.lexicographicallyPrecedes($1[keyPath: id].utf8) }
        }
        documents.proposals.sort(by: byID(\.id.rawValue))
        documents.jobs.sort(by: byID(\.id.rawValue))
        documents.invoices.sort(by: byID(\.id.rawValue))
        return documents
    }
}
