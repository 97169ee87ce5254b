import GRDB
import PortalKernel

struct SQLiteProposalLinkRepository: ProposalLinkRepository {
    let access: SQLiteAccess

    func insert(_ link: ProposalLink) async throws { try await access.insert(link) }

    func find(hash: String) async throws -> ProposalLink? {
        try await access.read { db in try ProposalLink.filter(Column("tokenHash") == hash).fetchOne(db) }
    }
}
