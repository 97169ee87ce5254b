import PortalKernel

struct JSONProposalLinkRepository: ProposalLinkRepository, JSONRecordRepository {
    typealias Record = ProposalLink
    let access: JSONAccess

    func find(hash: String) async throws -> ProposalLink? {
        try access.read { $0.unique(ProposalLink.self, ["token_hash"], [hash]) }
    }
}
