import PortalKernel

struct JSONProposalLinkRepository: ProposalLinkRepository {
    let access: JSONAccess

    func insert(_ link: ProposalLink) async throws {
        try await access.write { state in
            try state.requireAccount(link.accountID)
            try state.requireReference(link.proposalID.rawValue, in: \.proposals, name: "proposal", account: link.accountID)
            try state.requireUnique(link.tokenHash, in: \.proposalLinks, except: link.id.rawValue, name: "proposalLink.tokenHash") { $0.tokenHash }
            try state.insert(link, id: link.id.rawValue, into: \.proposalLinks, table: "proposalLink")
        }
    }

    func find(hash: String) async throws -> ProposalLink? {
        try access.read { state in state.proposalLinks.values.first { $0.tokenHash == hash } }
    }
}
