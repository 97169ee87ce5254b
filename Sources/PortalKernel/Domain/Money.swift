/// An amount of money in the account's currency, held as integer minor units (cents).
///
/// There is no floating point anywhere in money: totals, taxes and fees are computed in cents with explicit
/// rounding.
public struct Money: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in minor units (cents for USD, CAD, EUR…).
    public var cents: Int

    public init(cents: Int) {
        self.cents = cents
    }

    public static let zero = Money(cents: 0)

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// This amount times a rate in basis points (1/100 of a percent), rounded half away from zero to the cent.
    ///
    /// `Money(cents: 1000).applying(basisPoints: 825)` is 8.25 % of $10.00, which is 83 cents.
    public func applying(basisPoints: Int) -> Money {
        let product = cents * basisPoints
        let quotient = product / 10_000
        let remainder = product % 10_000
        let roundsAway = abs(remainder) * 2 >= 10_000
        return Money(cents: quotient + (roundsAway ? product.signum() : 0))
    }

    public init(from decoder: any Decoder) throws {
        self.cents = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }

    /// The amount with two decimals and no currency symbol (`12.34`); presentation belongs to the front.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let absolute = abs(cents)
        let fraction = absolute % 100
        return "\(sign)\(absolute / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
