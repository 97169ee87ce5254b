/// Writing an amount in its currency's digits without Foundation's locales (SPEC M1), for the kernel's messages and
/// audit notes, the logs, and the amount fields of forms. Pages and emails use the front's own formatting.
extension Money {
    /// The amount with the currency code and exactly the currency's digits, thousands grouped by commas:
    /// `USD 1,234.50`, `JPY 12,345`, `KWD 1.234` (SPEC M1). An unknown code gets 2 digits.
    public func formatted(currencyCode: String) -> String {
        let currency = Currency(storedCode: currencyCode)
        return "\(currency.code) \(decimalText(in: currency, grouped: true))"
    }

    /// The amount as a plain number in `currency`'s digits, a dot before the fraction: `1234.50` (or `1,234.50`
    /// when `grouped`), `12345` for JPY, `1.234` for KWD (SPEC M1). Typed back into a form, it reads as this amount.
    public func decimalText(in currency: Currency, grouped: Bool = false) -> String {
        let scale = UInt(currency.minorUnitsPerMajorUnit)
        let whole = String(cents.magnitude / scale)
        let fraction = String(cents.magnitude % scale)
        var text = grouped ? Self.grouped(whole) : whole
        if currency.minorUnitDigits > 0 {
            text += "." + String(repeating: "0", count: currency.minorUnitDigits - fraction.count) + fraction
        }
        return (cents < 0 ? "-" : "") + text
    }

    /// `1234567` → `1,234,567`.
    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }
}
