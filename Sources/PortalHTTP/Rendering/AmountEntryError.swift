import PortalKernel

/// Why a typed amount cannot be read (SPEC M1); its description is the hint shown beside the field.
struct AmountEntryError: Error, Equatable, CustomStringConvertible {
    enum Problem: Equatable {
        /// Not a number at all (`abc`, `-5`, `1e5`, `5k`).
        case notANumber
        /// A comma as the decimal separator, or grouping that is not by threes (`12,50`, `1,0,0`, `1.234.567`).
        case separators
        /// More decimals than the currency has (`5.5` in JPY, `1.2345` in KWD).
        case tooManyDecimals
        /// More than ``Money/limit`` minor units.
        case tooLarge
    }

    let problem: Problem
    let currency: Currency

    var description: String {
        let code = currency.code
        let digits = currency.minorUnitDigits
        let scale = currency.minorUnitsPerMajorUnit
        let example = (digits == 0 ? Money(cents: 5_000) : Money(cents: 1_250 * scale / 100)).decimalText(in: currency)
        let thousands = Money(cents: 123_450 * scale / 100).decimalText(in: currency, grouped: true)
        switch problem {
        case .notANumber:
            return "Enter an amount in \(code) such as \(example)."
        case .separators where digits == 0:
            return "\(code) amounts have no decimals; use a comma only between thousands, as in \(thousands)."
        case .separators:
            return "Use a dot for \(digits == 2 ? "cents" : "decimals"): \(example). A comma only separates thousands, as in \(thousands)."
        case .tooManyDecimals where digits == 0:
            return "\(code) amounts are whole numbers, such as \(example)."
        case .tooManyDecimals:
            return "\(code) amounts have at most \(digits) decimals, such as \(example)."
        case .tooLarge:
            return "Enter an amount of at most \(Money(cents: Money.limit).decimalText(in: currency, grouped: true))."
        }
    }
}
