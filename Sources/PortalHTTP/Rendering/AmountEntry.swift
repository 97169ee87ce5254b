import Foundation
import PortalKernel

/// Reads an amount as a person types it into a form, in the account's currency (SPEC M1), by the portal's US English
/// rule (Docs/Decisions.md): a dot before the decimals, a comma only between groups of three digits (`1,234.50`,
/// `12,345`), no more decimals than the currency has (none for JPY, three for KWD), and the account's currency code
/// or symbol before or after the number allowed (`$80`, `¥5,000`, `KWD 1.234`, `12.50 EUR`). At most ``Money/limit`` minor
/// units (SPEC M2).
enum AmountEntry {
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
        guard let grouped = TypedNumber.ungrouped(parts[0]) else { throw refuse(.separators) }
        let whole = grouped.drop { $0 == "0" }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= currency.minorUnitDigits else { throw refuse(.tooManyDecimals) }
        let padded = fraction + String(repeating: "0", count: currency.minorUnitDigits - fraction.count)
        guard whole.count <= 14, let units = Int(whole.isEmpty ? "0" : String(whole)), let minor = Int(padded.isEmpty ? "0" : padded) else {
            throw refuse(.tooLarge)
        }
        let minorUnits = units * currency.minorUnitsPerMajorUnit + minor
        guard minorUnits <= Money.limit else { throw refuse(.tooLarge) }
        return Money(cents: minorUnits)
    }

    /// Whether the text around the number is nothing, the currency's code, or the symbol its pages show (`$`,
    /// `CA$`, `€`, `¥`), with spaces around it. Another currency's symbol is refused: `$5` in a KWD account is not
    /// KWD 5 (SPEC M1).
    private static func isMarker(_ text: Substring, of currency: Currency) -> Bool {
        let marker = text.filter { !$0.isWhitespace }
        return marker.isEmpty || marker.uppercased() == currency.code || marker == symbol(of: currency)
    }

    /// The symbol the portal's pages write for `currency` (`$` for USD, `KWD` for KWD), read off Foundation's own
    /// formatting in the portal's US English.
    static func symbol(of currency: Currency) -> String {
        Decimal(0).formatted(.currency(code: currency.code).locale(Locale(identifier: "en_US")))
            .filter { !($0.isNumber || $0 == "." || $0 == "," || $0.isWhitespace) }
    }
}
