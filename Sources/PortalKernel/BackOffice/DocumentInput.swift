import Foundation

/// A line as staff (or an integration) type it, before it becomes a ``LineItem``.
public struct LineInput: Hashable, Codable, Sendable {
    /// What the line is for, as the client sees it; not blank.
    public var description: String
    /// How many units: above 0, at most 1,000,000, with at most ``quantityDecimals`` decimals.
    public var quantity: Decimal
    /// In minor units of the account's currency (SPEC M1).
    public var unitPrice: Int
    /// Whether the client may leave the line out when accepting a proposal (SPEC F4); `nil` or `false`: required.
    /// Invoices have no optional lines.
    public var optional: Bool?

    /// Memberwise, as typed; ``problem(with:allowOptional:taxRateBasisPoints:)`` checks lines before they are saved.
    public init(description: String, quantity: Decimal, unitPrice: Int, optional: Bool? = nil) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.optional = optional
    }

    /// Why `lines` taxed at `taxRateBasisPoints` cannot be saved, or `nil`: `UseCaseError.invalid` naming the field
    /// as the API's document does (`lines`, `lines[0].quantity`, `taxRateBasisPoints`). `allowOptional` is false for
    /// invoices.
    ///
    /// SPEC M2: each line's amount, the subtotal, the tax and the total with every optional line chosen must stay
    /// within ±``Money/limit``, so a saved document can always be totalled.
    static func problem(with lines: [LineInput], allowOptional: Bool, taxRateBasisPoints: Int) -> UseCaseError? {
        if lines.isEmpty { return .invalid("Add at least one line.", field: "lines") }
        if lines.count > maximumLines { return .invalid("A document has at most \(maximumLines) lines.", field: "lines") }
        if !(0...5_000).contains(taxRateBasisPoints) { return .invalid("The tax rate must be between 0 and 50 %.", field: "taxRateBasisPoints") }
        for (index, line) in lines.enumerated() {
            if let problem = line.problem(number: index + 1, allowOptional: allowOptional) {
                return .invalid(problem.message, field: "lines[\(index)].\(problem.field)")
            }
        }
        if lines.allSatisfy({ $0.optional == true }) { return .invalid("At least one line must be required, not optional.", field: "lines") }
        if (try? Totals(items: lines.map(\.lineItem), taxRateBasisPoints: taxRateBasisPoints)) == nil {
            return .invalid("The total is too large: split the work into several documents.", field: "lines")
        }
        return nil
    }

    /// Why this line, the `number`th (from 1), cannot be saved, and the field of the line it is about; `nil` when it can.
    private func problem(number: Int, allowOptional: Bool) -> (field: String, message: String)? {
        let shown = description.trimmingCharacters(in: .whitespaces)
        if shown.isEmpty { return ("description", "Line \(number) needs a description.") }
        if let problem = SingleLineText.problem(shown, naming: "Line \(number)'s description") { return ("description", problem) }
        if !quantity.isFinite || quantity <= 0 { return ("quantity", "Line \(number): the quantity must be above 0.") }
        if quantity > 1_000_000 { return ("quantity", "Line \(number): the quantity must be at most 1,000,000.") }
        if !Self.hasQuantityDecimals(quantity) { return ("quantity", "Line \(number): the quantity has at most \(Self.quantityDecimals) decimals.") }
        if unitPrice < 0 || unitPrice > Money.limit { return ("unitPrice", "Line \(number): the unit price is out of range.") }
        if optional == true && !allowOptional { return ("optional", "Line \(number): invoices have no optional lines.") }
        if (try? lineItem.amount) == nil { return ("quantity", "Line \(number): quantity times unit price is too large.") }
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
