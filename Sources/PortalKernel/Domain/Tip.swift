import Foundation

/// A tip a client added to a card payment (SPEC F14), recorded against the crew of the invoice's job, so staff can pay
/// it out: never part of the invoice, so it never lowers its balance.
public struct Tip: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Tip>

    /// The tip's id, a random UUID string.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// The payment it was charged with; ``Payment/tip`` holds the same amount.
    public var paymentID: Payment.ID
    /// The invoice that payment was for.
    public var invoiceID: Invoice.ID
    /// Who tipped.
    public var customerID: Customer.ID
    /// The tip, in minor units of the account's currency (SPEC M1), above zero.
    public var amount: Money
    /// The crew of the visit it is for, as that visit names it (`Crew 2`); `nil` when the invoice's job had no visit
    /// with a crew when it was paid.
    public var crew: String?
    /// That visit; `nil` with no crew.
    public var visitID: Visit.ID?
    /// When it was paid, by the portal's clock: the tip report's date.
    public var receivedAt: Date
    /// What refunds of its payment gave back of it (SPEC F15), in minor units; `nil` for none. The crew is owed the rest.
    public var refunded: Money?

    /// Memberwise; nothing refunded unless told otherwise.
    public init(
        id: ID = .random(), accountID: Account.ID, paymentID: Payment.ID, invoiceID: Invoice.ID, customerID: Customer.ID,
        amount: Money, crew: String?, visitID: Visit.ID?, receivedAt: Date, refunded: Money? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.paymentID = paymentID
        self.invoiceID = invoiceID
        self.customerID = customerID
        self.amount = amount
        self.crew = crew
        self.visitID = visitID
        self.receivedAt = receivedAt
        self.refunded = refunded
    }

    /// What the crew is owed: the tip less what was refunded, never below zero.
    public var owed: Money {
        max(.zero, (try? amount.subtracting(refunded ?? .zero)) ?? .zero)
    }
}

/// The tip a client picks on the pay page (SPEC F14).
public enum TipChoice: Hashable, Sendable {
    case none
    /// A share of the amount paid to the invoice, in basis points (1500 = 15 %).
    case percentage(basisPoints: Int)
    /// An amount in minor units (SPEC M1).
    case amount(Money)

    /// The shares the pay page offers: 10, 15 and 20 %.
    public static let offered: [Int] = [1_000, 1_500, 2_000]

    /// The tip on `paid` (the part of the invoice paid, in minor units): a share rounded half away from zero to the
    /// minor unit (15 % of ¥1,001 is ¥150); ``AmountOutOfRange`` when out of range (SPEC M2).
    public func amount(on paid: Money) throws(AmountOutOfRange) -> Money {
        switch self {
        case .none: .zero
        case .percentage(let basisPoints): try paid.applying(basisPoints: basisPoints)
        case .amount(let amount): amount
        }
    }
}
