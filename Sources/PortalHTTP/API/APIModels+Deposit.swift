import Foundation
import PortalKernel

/// `Deposit`: what accepting a proposal asks the client to pay (SPEC F13), exactly one of a share of the accepted
/// total or a fixed amount.
struct APIDeposit: Codable, Sendable {
    /// A share of the accepted total in basis points, 1 to 10000 (3000 is 30 %).
    let basisPoints: Int?
    /// A fixed amount in integer minor units of the account's currency (SPEC M1), above zero; capped at the total.
    let amount: Int?

    private enum CodingKeys: String, CodingKey { case basisPoints, amount }

    /// Reads a request's terms: a field given must be a whole number (`null` is refused, as the document says).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        basisPoints = container.contains(.basisPoints) ? try container.decode(Int.self, forKey: .basisPoints) : nil
        amount = container.contains(.amount) ? try container.decode(Int.self, forKey: .amount) : nil
    }

    /// The API's view of `deposit`.
    init(_ deposit: Deposit) {
        switch deposit {
        case .percentage(let points): (basisPoints, amount) = (points, nil)
        case .fixed(let money): (basisPoints, amount) = (nil, money.cents)
        }
    }

    /// The kernel's terms; a 422 naming `field` when both or neither is given, or the value is out of range.
    func deposit(field: String) throws -> Deposit {
        let terms: Deposit
        switch (basisPoints, amount) {
        case (let points?, nil): terms = .percentage(basisPoints: points)
        case (nil, let minor?): terms = .fixed(amount: Money(cents: minor))
        default: throw APIError.invalid("\(field): give exactly one of basisPoints and amount.")
        }
        if let problem = terms.problem { throw APIError.invalid("\(field): \(problem)") }
        return terms
    }
}

extension PatchField<APIDeposit> {
    /// The terms a request asks for: `fallback` when left out, none for `null` (SPEC F13).
    func deposit(field: String, fallback: Deposit?) throws -> Deposit? {
        switch self {
        case .absent: fallback
        case .null: nil
        case .value(let given): try given.deposit(field: field)
        }
    }
}
