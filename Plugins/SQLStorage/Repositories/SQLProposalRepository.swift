import PortalKernel

struct SQLProposalRepository: ProposalRepository, SQLRecordRepository {
    typealias Record = Proposal
    let access: SQLAccess

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.all(
            Proposal.self,
            where: """
                account_id = \(bind: account.rawValue) AND customer_id = \(bind: customer.rawValue) \
                AND status <> \(bind: Proposal.Status.draft.rawValue)
                """,
            orderBy: "id")
    }

    func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal] {
        try await access.all(
            Proposal.self, where: "account_id = \(bind: account.rawValue) AND job_id = \(bind: job.rawValue)", orderBy: "version DESC, id")
    }
}
