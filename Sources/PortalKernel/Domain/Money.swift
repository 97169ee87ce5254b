/// An amount of money in the account's currency, held as integer minor units (cents for USD, yen for JPY, fils for
/// KWD: SPEC M1).
///
/// There is no floating point anywhere in money, and no arithmetic that can trap (SPEC M2): sums, differences and
/// rates are checked and throw ``AmountOutOfRange`` when a result would leave ±``limit`` minor units. There are
/// deliberately no `+` and `-` operators.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The amount in minor units.
    public var cents: Int

    /// The largest magnitude any amount, given or derived, may have: 10^13 minor units (SPEC M2). That is 100
    /// billion dollars or 10 trillion yen; a product of two in-range numbers still fits in 64 bits.
    public static let limit = 10_000_000_000_000

    /// An amount of `cents` minor units, unchecked: use ``checked(_:)`` for a number from outside (SPEC M2).
    public init(cents: Int) {
        self.cents = cents
    }

    /// No money: zero minor units.
    public static let zero = Money(cents: 0)

    /// Whether the amount lies within ±``limit``.
    public var isWithinRange: Bool { (-Self.limit...Self.limit).contains(cents) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// `cents` as money, or ``AmountOutOfRange`` when it lies beyond ±``limit``.
    public static func checked(_ cents: Int) throws(AmountOutOfRange) -> Money {
        let money = Money(cents: cents)
        guard money.isWithinRange else { throw AmountOutOfRange() }
        return money
    }

    /// This amount plus `other`, or ``AmountOutOfRange`` (SPEC M2).
    public func adding(_ other: Money) throws(AmountOutOfRange) -> Money {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        guard !overflow else { throw AmountOutOfRange() }
        return try .checked(sum)
    }

    /// This amount minus `other`, or ``AmountOutOfRange`` (SPEC M2).
    public func subtracting(_ other: Money) throws(AmountOutOfRange) -> Money {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        guard !overflow else { throw AmountOutOfRange() }
        return try .checked(difference)
    }

    /// The sum of `amounts`, or ``AmountOutOfRange`` as soon as a partial sum leaves the range (SPEC M2).
    public static func sum(_ amounts: some Sequence<Money>) throws(AmountOutOfRange) -> Money {
        var total = Money.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// This amount times a rate in basis points (1/100 of a percent), rounded half away from zero to the minor unit;
    /// ``AmountOutOfRange`` when the product or the result leaves the range (SPEC M2).
    ///
    /// `Money(cents: 1000).applying(basisPoints: 825)` is 8.25 % of $10.00, which is 83 cents.
    public func applying(basisPoints: Int) throws(AmountOutOfRange) -> Money {
        let (product, overflow) = cents.multipliedReportingOverflow(by: basisPoints)
        guard !overflow else { throw AmountOutOfRange() }
        let quotient = product / 10_000
        let remainder = product % 10_000
        // |remainder| < 10,000, so neither `abs` nor the doubling can overflow.
        let roundsAway = abs(remainder) * 2 >= 10_000
        return try .checked(quotient + (roundsAway ? product.signum() : 0))
    }

    public init(from decoder: any Decoder) throws {
        self.cents = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }

    /// The amount with two decimals and no currency symbol (`12.34`), for debugging only: it does not know the
    /// currency. Anything a person reads uses ``formatted(currencyCode:)`` or the front's formatting (SPEC M1).
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        let fraction = absolute % 100
        return "\(sign)\(absolute / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// An amount, given or derived, that would lie beyond ±``Money/limit`` minor units (SPEC M2): refused at the edge
/// with a 422 or a form error, and shown as an error for a stored record that cannot be totalled.
public struct AmountOutOfRange: Error, Hashable, Sendable, CustomStringConvertible {
    /// The one value: the error carries nothing but its kind.
    public init() {}

    public var description: String { "An amount or a total is too large: the portal keeps every amount within 10,000,000,000,000 of the currency's smallest unit." }
}
