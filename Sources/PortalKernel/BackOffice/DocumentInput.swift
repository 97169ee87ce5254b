import Foundation

/// A line as staff (or an integration) type it, before it becomes a ``LineItem``.
public struct LineInput: Hashable, Codable, Sendable {
    public var description: String
    public var quantity: Decimal
    /// In minor units of the account's currency (SPEC M1).
    public var unitPrice: Int
    public var optional: Bool?

    public init(description: String, quantity: Decimal, unitPrice: Int, optional: Bool? = nil) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.optional = optional
    }

    /// Why `lines` taxed at `taxRateBasisPoints` cannot be saved, or `nil`. `allowOptional` is false for invoices.
    ///
    /// SPEC M2: each line's amount, the subtotal, the tax and the total with every optional line chosen must stay
    /// within ±``Money/limit``, so a saved document can always be totalled.
    static func problem(with lines: [LineInput], allowOptional: Bool, taxRateBasisPoints: Int) -> String? {
        if lines.isEmpty { return "Add at least one line." }
        if lines.count > maximumLines { return "A document has at most \(maximumLines) lines." }
        if !(0...5_000).contains(taxRateBasisPoints) { return "The tax rate must be between 0 and 50 %." }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.description.trimmingCharacters(in: .whitespaces).isEmpty { return "Line \(number) needs a description." }
            if !line.quantity.isFinite || line.quantity <= 0 { return "Line \(number): the quantity must be above 0." }
            if line.quantity > 1_000_000 { return "Line \(number): the quantity must be at most 1,000,000." }
            if !Self.hasQuantityDecimals(line.quantity) { return "Line \(number): the quantity has at most \(quantityDecimals) decimals." }
            if line.unitPrice < 0 || line.unitPrice > Money.limit { return "Line \(number): the unit price is out of range." }
            if line.optional == true && !allowOptional { return "Line \(number): invoices have no optional lines." }
            if (try? line.lineItem.amount) == nil { return "Line \(number): quantity times unit price is too large." }
        }
        if lines.allSatisfy({ $0.optional == true }) { return "At least one line must be required, not optional." }
        if (try? Totals(items: lines.map(\.lineItem), taxRateBasisPoints: taxRateBasisPoints)) == nil {
            return "The total is too large: split the work into several documents."
        }
        return nil
    }

    /// The most decimals a quantity may have (`0.25` hours; `1e-20` would show as 0 and bill nothing).
    public static let quantityDecimals = 4

    /// Whether `quantity` has no more than ``quantityDecimals`` decimals.
    public static func hasQuantityDecimals(_ quantity: Decimal) -> Bool {
        var exact = quantity
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, quantityDecimals, .plain)
        return rounded == quantity
    }

    /// The most lines one proposal or invoice may have: far beyond any real document, and a bound on the work of
    /// totalling it.
    public static let maximumLines = 500

    var lineItem: LineItem {
        LineItem(
            description: description.trimmingCharacters(in: .whitespaces), quantity: quantity,
            unitPrice: Money(cents: unitPrice), isOptional: optional ?? false)
    }
}
