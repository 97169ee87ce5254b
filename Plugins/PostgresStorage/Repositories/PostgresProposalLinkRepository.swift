import PortalKernel

struct PostgresProposalLinkRepository: ProposalLinkRepository {
    let access: PostgresAccess

    func insert(_ link: ProposalLink) async throws { try await access.insert(link) }

    func find(hash: String) async throws -> ProposalLink? {
        try await access.first(ProposalLink.self, where: "token_hash = $1", [hash])
    }
}
