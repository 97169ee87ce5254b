import PortalKernel

struct SQLProposalRepository: ProposalRepository, SQLRecordRepository {
    typealias Record = Proposal
    let access: SQLAccess
}
