import PortalKernel

struct JSONProposalRepository: ProposalRepository {
    let access: JSONAccess

    func insert(_ proposal: Proposal) async throws {
        try await access.write { state in
            try Self.check(proposal, in: state)
            try state.insert(proposal, id: proposal.id.rawValue, into: \.proposals, table: "proposal")
        }
    }

    func update(_ proposal: Proposal) async throws {
        try await access.write { state in
            try Self.check(proposal, in: state)
            try state.update(proposal, id: proposal.id.rawValue, in: proposal.accountID, into: \.proposals, table: "proposal") { $0.accountID }
        }
    }

    func find(_ id: Proposal.ID, in account: Account.ID) async throws -> Proposal? {
        try access.read { $0.row(\.proposals, id.rawValue, in: account) }
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal] {
        try access.read { state in
            state.indexed(\.proposals, by: \.proposalsByCustomer, key: customer.rawValue)
                .filter { $0.accountID == account && $0.status != .draft }
                .sorted { $0.id < $1.id }
        }
    }

    func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal] {
        try access.read { state in
            state.proposals.values.filter { $0.accountID == account && $0.jobID == job }
                .sorted { ($1.version, $0.id) < ($0.version, $1.id) }
        }
    }

    private static func check(_ proposal: Proposal, in state: JSONState) throws {
        try state.requireAccount(proposal.accountID)
        try state.requireReference(proposal.jobID.rawValue, in: \.jobs, name: "job", account: proposal.accountID)
        try state.requireReference(proposal.customerID.rawValue, in: \.customers, name: "customer", account: proposal.accountID)
    }
}
