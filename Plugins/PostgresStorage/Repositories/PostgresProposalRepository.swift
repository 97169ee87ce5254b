import PortalKernel

struct PostgresProposalRepository: ProposalRepository {
    let access: PostgresAccess

    func insert(_ proposal: Proposal) async throws { try await access.insert(proposal) }

    func update(_ proposal: Proposal) async throws { try await access.update(proposal) }

    func find(_ id: Proposal.ID, in account: Account.ID) async throws -> Proposal? {
        try await access.find(Proposal.self, id: id.rawValue, in: account)
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.all(
            Proposal.self, where: "account_id = $1 AND customer_id = $2 AND status <> $3",
            [account.rawValue, customer.rawValue, Proposal.Status.draft.rawValue], orderBy: "id")
    }

    func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.all(Proposal.self, where: "account_id = $1 AND job_id = $2", [account.rawValue, job.rawValue], orderBy: "version DESC, id")
    }
}
