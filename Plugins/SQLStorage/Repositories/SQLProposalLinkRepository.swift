import PortalKernel

struct SQLProposalLinkRepository: ProposalLinkRepository, SQLRecordRepository {
    typealias Record = ProposalLink
    let access: SQLAccess

    func find(hash: String) async throws -> ProposalLink? {
        try await access.first(ProposalLink.self, where: "token_hash = \(bind: hash)")
    }
}
