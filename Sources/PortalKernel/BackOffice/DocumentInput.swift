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

    /// Why `lines` cannot be saved, or `nil`. `allowOptional` is false for invoices.
    static func problem(with lines: [LineInput], allowOptional: Bool) -> String? {
        if lines.isEmpty { return "Add at least one line." }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.description.trimmingCharacters(in: .whitespaces).isEmpty { return "Line \(number) needs a description." }
            if line.quantity <= 0 || line.quantity > 1_000_000 { return "Line \(number): the quantity must be above 0." }
            if line.unitPrice < 0 || line.unitPrice > 100_000_000_00 { return "Line \(number): the unit price is out of range." }
            if line.optional == true && !allowOptional { return "Line \(number): invoices have no optional lines." }
        }
        if lines.allSatisfy({ $0.optional == true }) { return "At least one line must be required, not optional." }
        return nil
    }

    var lineItem: LineItem {
        LineItem(
            description: description.trimmingCharacters(in: .whitespaces), quantity: quantity,
            unitPrice: Money(cents: unitPrice), isOptional: optional ?? false)
    }
}

/// Why a back-office change was refused: what the API answers with its status, and what a page shows.
public enum DeskRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// No such record in the account (404).
    case notFound(String)
    /// The input cannot be saved (422).
    case invalid(String)
    /// The record's state does not allow it (409): an accepted proposal is locked, a voided invoice is closed.
    case conflict(String)

    public var description: String {
        switch self {
        case .notFound(let message), .invalid(let message), .conflict(let message): message
        }
    }
}
