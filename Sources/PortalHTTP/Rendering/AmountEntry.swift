import PortalKernel

/// Reads an amount as a person types it into a form, in the account's currency (SPEC M1), by the portal's US English
/// rule (Docs/Decisions.md): a dot before the decimals, a comma only between groups of three digits (`1,234.50`,
/// `12,345`), no more decimals than the currency has (none for JPY, three for KWD), and a currency code or symbol
/// before or after the number allowed (`$80`, `¥5,000`, `KWD 1.234`, `12.50 EUR`). At most ``limit`` minor units
/// (SPEC M2).
enum AmountEntry {
    /// The largest amount a form takes: 10^13 minor units (SPEC M2).
    static let limit = 10_000_000_000_000

    /// The amount `text` stands for in `currency`, in minor units; throws why it cannot be read.
    static func parse(_ text: String, in currency: Currency) throws(AmountEntryError) -> Money {
        func refuse(_ problem: AmountEntryError.Problem) -> AmountEntryError { AmountEntryError(problem: problem, currency: currency) }
        let isNumeral: (Character) -> Bool = { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }
        let start = text.firstIndex(where: isNumeral) ?? text.endIndex
        let end = text.lastIndex(where: isNumeral).map(text.index(after:)) ?? start
        guard start < end, isMarker(text[..<start], of: currency), isMarker(text[end...], of: currency) else {
            throw refuse(.notANumber)
        }
        let number = text[start..<end]
        guard number.allSatisfy(isNumeral), number.contains(where: \.isNumber) else { throw refuse(.notANumber) }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts.dropFirst().contains(where: { $0.contains(",") }) else { throw refuse(.separators) }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy({ $0.count == 3 })) else {
            throw refuse(.separators)
        }
        let whole = groups.joined(separator: "").drop { $0 == "0" }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= currency.minorUnitDigits else { throw refuse(.tooManyDecimals) }
        let padded = fraction + String(repeating: "0", count: currency.minorUnitDigits - fraction.count)
        guard whole.count <= 14, let units = Int(whole.isEmpty ? "0" : String(whole)), let minor = Int(padded.isEmpty ? "0" : padded) else {
            throw refuse(.tooLarge)
        }
        let cents = units * currency.minorUnitsPerMajorUnit + minor
        guard cents <= limit else { throw refuse(.tooLarge) }
        return Money(cents: cents)
    }

    /// Whether the text around the number is nothing, the currency's code, or a symbol such as `$`, `CA$` or `¥`
    /// (letters with at least one currency sign), with spaces around it.
    private static func isMarker(_ text: Substring, of currency: Currency) -> Bool {
        let marker = text.filter { !$0.isWhitespace }
        return marker.isEmpty || marker.uppercased() == currency.code
            || (marker.contains(where: \.isCurrencySymbol) && marker.allSatisfy { $0.isCurrencySymbol || $0.isLetter })
    }
}

/// Why a typed amount cannot be read (SPEC M1); its description is the hint shown beside the field.
struct AmountEntryError: Error, Equatable, CustomStringConvertible {
    enum Problem: Equatable {
        /// Not a number at all (`abc`, `-5`, `1e5`, `5k`).
        case notANumber
        /// A comma as the decimal separator, or grouping that is not by threes (`12,50`, `1,0,0`, `1.234.567`).
        case separators
        /// More decimals than the currency has (`5.5` in JPY, `1.2345` in KWD).
        case tooManyDecimals
        /// More than ``AmountEntry/limit`` minor units.
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
            return "Enter an amount of at most \(Money(cents: AmountEntry.limit).decimalText(in: currency, grouped: true))."
        }
    }
}
