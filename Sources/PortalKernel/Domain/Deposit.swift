import Foundation

/// What a proposal asks the client to pay when accepting (SPEC F13): a share of the accepted total, or a fixed amount.
/// Part of the accepted version's ``Proposal/contentHash``.
public enum Deposit: Hashable, Codable, Sendable {
    /// A share of the accepted total in basis points (3000 = 30 %), 1 to 10,000.
    case percentage(basisPoints: Int)
    /// A fixed amount in minor units of the account's currency (SPEC M1), above zero; capped at the accepted total.
    case fixed(amount: Money)

    /// The deposit on an accepted `total` (minor units, SPEC M1): a percentage rounded half away from zero to the minor
    /// unit (so ¥1,001 at 50 % is ¥501, $0.01 at 30 % is nothing), a fixed amount at most the total; never below zero.
    /// ``AmountOutOfRange`` only when the total itself is out of range (SPEC M2).
    public func amount(of total: Money) throws(AmountOutOfRange) -> Money {
        guard total > .zero else { return .zero }
        switch self {
        case .percentage(let basisPoints): return min(total, max(.zero, try total.applying(basisPoints: basisPoints)))
        case .fixed(let amount): return min(total, max(.zero, amount))
        }
    }

    /// What is wrong with these terms, or `nil`: a percentage from 0.01 % to 100 %, an amount above zero and within
    /// ``Money/limit``.
    public var problem: String? {
        switch self {
        case .percentage(let basisPoints):
            (1...10_000).contains(basisPoints) ? nil : "A deposit percentage is from 0.01 to 100."
        case .fixed(let amount):
            amount <= .zero ? "A deposit amount is above zero."
                : amount.cents > Money.limit ? "A deposit amount is at most 10,000,000,000,000 of the currency's smallest unit." : nil
        }
    }
}

/// What makes an invoice the deposit of an accepted proposal (SPEC F13): which proposal, its deposit and whole
/// amount, and which of the two the invoice asks for now.
public struct InvoiceDeposit: Hashable, Codable, Sendable {
    /// The accepted proposal the deposit is for.
    public var proposalID: Proposal.ID
    /// The deposit, in minor units (SPEC M1): what the invoice asks for unless the client chose the whole amount.
    public var amount: Money
    /// The accepted total (chosen optional lines and tax included), in minor units (SPEC M1).
    public var wholeAmount: Money
    /// Whether the client chose to pay the whole amount: the invoice then carries the proposal's lines and tax, not the
    /// one deposit line.
    public var paysWhole: Bool

    /// Memberwise; the deposit, not the whole amount, unless told otherwise.
    public init(proposalID: Proposal.ID, amount: Money, wholeAmount: Money, paysWhole: Bool = false) {
        self.proposalID = proposalID
        self.amount = amount
        self.wholeAmount = wholeAmount
        self.paysWhole = paysWhole
    }
}
