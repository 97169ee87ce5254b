import GRDB
import PortalKernel

struct SQLiteProposalRepository: ProposalRepository {
    let access: SQLiteAccess

    func insert(_ proposal: Proposal) async throws { try await access.insert(proposal) }

    func update(_ proposal: Proposal) async throws { try await access.update(proposal) }

    func find(_ id: Proposal.ID, in account: Account.ID) async throws -> Proposal? {
        try await access.find(Proposal.self, id: id.rawValue, in: account)
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.fetchAll(
            {
                $0.filter(Column("customerID") == customer.rawValue)
                    .filter(Column("status") != Proposal.Status.draft.rawValue)
                    .order(Column("id"))
            }, in: account)
    }

    func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.fetchAll(
            { $0.filter(Column("jobID") == job.rawValue).order(Column("version").desc, Column("id")) }, in: account)
    }
}
