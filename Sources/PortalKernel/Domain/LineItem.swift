import Foundation

/// One line of a proposal or an invoice.
public struct LineItem: Hashable, Codable, Sendable {
    public typealias ID = Identifier<LineItem>

    /// The line's id, a random UUID string: accepting a proposal names the optional lines chosen by it.
    public var id: ID
    /// What the line is for, as the document shows it (`Mulch, 3 yards`), trimmed and never blank.
    public var description: String
    /// How many units (hours, yards, trees): may be fractional, such as 2.5 hours.
    public var quantity: Decimal
    /// The price of one unit, in minor units of the account's currency (SPEC M1), never negative.
    public var unitPrice: Money
    /// On a proposal, an item the client may choose to add. Invoices have no optional items.
    public var isOptional: Bool

    /// Memberwise; one unit and a required line unless told otherwise.
    public init(
        id: ID = .random(), description: String, quantity: Decimal = 1, unitPrice: Money, isOptional: Bool = false
    ) {
        self.id = id
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.isOptional = isOptional
    }

    /// Quantity times unit price, rounded half away from zero to the minor unit; ``AmountOutOfRange`` when it
    /// leaves ±``Money/limit`` or the quantity is not a finite number (SPEC M2).
    public var amount: Money {
        get throws(AmountOutOfRange) {
            guard quantity.isFinite else { throw AmountOutOfRange() }
            var exact = quantity * Decimal(unitPrice.cents)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .plain)
            // Compared as a Decimal first: converting an out-of-range Decimal to an integer is not defined.
            guard rounded.isFinite, abs(rounded) <= Decimal(Money.limit) else { throw AmountOutOfRange() }
            return try .checked(NSDecimalNumber(decimal: rounded).intValue)
        }
    }
}

/// Subtotal, tax and total of a set of line items.
public struct Totals: Hashable, Codable, Sendable {
    /// The sum of the lines' amounts, before tax.
    public var subtotal: Money
    /// The tax on the subtotal, rounded half away from zero to the minor unit.
    public var tax: Money
    /// Subtotal plus tax: what the document is for.
    public var total: Money

    /// Adds up `items` and applies `taxRateBasisPoints` (825 = 8.25 %) to the subtotal; ``AmountOutOfRange`` when a
    /// line, the subtotal, the tax or the total would leave ±``Money/limit`` (SPEC M2).
    public init(items: [LineItem], taxRateBasisPoints: Int) throws(AmountOutOfRange) {
        var subtotal = Money.zero
        for item in items { subtotal = try subtotal.adding(item.amount) }
        self.subtotal = subtotal
        tax = try subtotal.applying(basisPoints: taxRateBasisPoints)
        total = try subtotal.adding(tax)
    }
}
