import PortalKernel

struct JSONProposalRepository: ProposalRepository, JSONRecordRepository {
    typealias Record = Proposal
    let access: JSONAccess

    /// The kernel's query, over the customer's proposals from the index rather than the whole table.
    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        let query = try RecordQuery<Proposal>.portalCandidates(for: customer, in: account)
        return try access.read { query.select(from: $0.indexed(Proposal.self, by: \.proposalsByCustomer, key: customer.rawValue)) }
    }
}
