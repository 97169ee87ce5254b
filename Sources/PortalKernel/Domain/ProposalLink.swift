import Foundation

/// The token of an emailed proposal link (`/p/{token}`), as stored: only its hash (SPEC F8).
///
/// The link opens one proposal without logging in. Staff may send a proposal more than once; each email gets its
/// own link and every one stays valid, so the client can use whichever email they find.
public struct ProposalLink: Hashable, Codable, Sendable {
    public typealias ID = Identifier<ProposalLink>

    /// The link record's id, a random UUID string (never the token).
    public var id: ID
    /// The account of the proposal.
    public var accountID: Account.ID
    /// The proposal the link opens; once that version is superseded, the link shows the newer one.
    public var proposalID: Proposal.ID
    /// ``SecretToken/hash`` of the token in the link.
    public var tokenHash: String
    /// When the link was made, as the proposal was emailed.
    public var createdAt: Date

    /// Memberwise: the token's hash only.
    public init(id: ID = .random(), accountID: Account.ID, proposalID: Proposal.ID, tokenHash: String, createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.proposalID = proposalID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
