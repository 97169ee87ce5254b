import Foundation

/// Deposit terms as staff type them into one field (SPEC F13): `30 %` (or `30%`) for a percentage, `250.00` for an amount
/// in the account's currency, nothing for no deposit.
extension Deposit {
    /// Why typed deposit terms cannot be read or kept; ``description`` says what to type instead.
    public struct EntryError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What to type instead, for the page to show beside the field.
        public let description: String
    }

    /// The terms `text` stands for in `currency` (SPEC M1: no more decimals than the currency has), `nil` for an empty
    /// field; ``EntryError`` for anything else, or for terms out of range (``problem``).
    public static func read(_ text: String, in currency: Currency) throws(EntryError) -> Deposit? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty { return nil }
        let deposit: Deposit
        if typed.hasSuffix("%") {
            let number = typed.dropLast().trimmingCharacters(in: .whitespaces)
            guard let percent = TypedNumber.read(number, fractionDigits: 2), percent <= 100 else {
                throw EntryError(description: "Enter a deposit percentage from 0.01 % to 100 %, with at most two decimals, such as 30 % or 12.5 %.")
            }
            deposit = .percentage(basisPoints: NSDecimalNumber(decimal: percent * 100).intValue)
        } else {
            let places = currency.minorUnitDigits
            guard let major = TypedNumber.read(typed, fractionDigits: places), major * Decimal(currency.minorUnitsPerMajorUnit) <= Decimal(Money.limit)
            else {
                let example = Money(cents: 25_000 * currency.minorUnitsPerMajorUnit / 100).decimalText(in: currency)
                throw EntryError(description: "Enter a deposit as a percentage such as 30 % or an amount such as \(example), or leave it empty.")
            }
            deposit = .fixed(amount: Money(cents: NSDecimalNumber(decimal: major * Decimal(currency.minorUnitsPerMajorUnit)).intValue))
        }
        if let problem = deposit.problem { throw EntryError(description: problem) }
        return deposit
    }

    /// The terms as the field shows them, read back by ``read(_:in:)``: `30 %`, `12.5 %`, `250.00` (`25000` in JPY).
    public func entryText(in currency: Currency) -> String {
        switch self {
        case .percentage(let basisPoints): "\(Decimal(basisPoints) / 100) %"
        case .fixed(let amount): amount.decimalText(in: currency)
        }
    }
}
