/// An ISO 4217 currency and the number of digits of its minor unit (SPEC M1): 2 for USD and EUR (cents), 0 for JPY
/// and KRW (no minor unit), 3 for KWD and BHD (fils). Every amount the portal shows, reads or sends to a gateway is
/// an integer count of these minor units.
public struct Currency: Hashable, Sendable {
    /// The three-letter ISO 4217 code, upper case (`USD`).
    public let code: String
    /// The ISO 4217 exponent: how many decimal digits the minor unit has (0…4).
    public let minorUnitDigits: Int

    /// The currency of an ISO 4217 code (any letter case), or `nil` when the code is not an active currency of
    /// ISO 4217 with a minor unit (funds and metals such as `XAU` are not). Accounts are created and saved only with
    /// a code this accepts.
    public init?(code: String) {
        let upper = code.uppercased()
        guard let digits = ISO4217.minorUnitDigits[upper] else { return nil }
        (self.code, minorUnitDigits) = (upper, digits)
    }

    /// The currency of a stored record. A code that is no longer known (a withdrawn currency) still reads, with 2
    /// digits, the most common exponent, rather than stopping the portal.
    public init(storedCode: String) {
        self = Currency(code: storedCode) ?? Currency(fallbackCode: storedCode)
    }

    private init(fallbackCode: String) {
        (code, minorUnitDigits) = (fallbackCode.uppercased(), 2)
    }

    /// How many minor units make one major unit: 100 for USD, 1 for JPY, 1,000 for KWD.
    public var minorUnitsPerMajorUnit: Int {
        (0..<minorUnitDigits).reduce(1) { product, _ in product * 10 }
    }
}

extension Account {
    /// The account's currency (SPEC M1); a stored code that is no longer known reads with 2 digits.
    public var currency: Currency { Currency(storedCode: currencyCode) }
}
