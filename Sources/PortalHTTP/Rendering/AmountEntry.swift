import PortalKernel

/// Reads an amount as a person types it into a form, in the account's currency (SPEC M1), by the portal's US English
/// rule (Docs/Decisions.md): a dot before the decimals, a comma only between groups of three digits (`1,234.50`,
/// `12,345`), no more decimals than the currency has (none for JPY, three for KWD), and a currency code or symbol
/// before or after the number allowed (`$80`, `¥5,000`, `KWD 1.234`, `12.50 EUR`). At most ``Money/limit`` minor
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
        let minorUnits = units * currency.minorUnitsPerMajorUnit + minor
        guard minorUnits <= Money.limit else { throw refuse(.tooLarge) }
        return Money(cents: minorUnits)
    }

    /// Whether the text around the number is nothing, the currency's code, or a symbol such as `$`, `CA$` or `¥`
    /// (letters with at least one currency sign), with spaces around it.
    private static func isMarker(_ text: Substring, of currency: Currency) -> Bool {
        let marker = text.filter { !$0.isWhitespace }
        return marker.isEmpty || marker.uppercased() == currency.code
            || (marker.contains(where: \.isCurrencySymbol) && marker.allSatisfy { $0.isCurrencySymbol || $0.isLetter })
    }
}
