/// The ISO 4217 list of active currencies with the digits of their minor unit (SPEC M1), as published by the
/// maintenance agency (SIX) in 2024. Funds and metals without a minor unit (`XAU`, `XDR`, `XXX`…) are left out.
enum ISO4217 {
    static let minorUnitDigits: [String: Int] = {
        var table: [String: Int] = [:]
        for code in twoDigitCodes.split(separator: " ") { table[String(code)] = 2 }
        for (code, digits) in otherExponents { table[code] = digits }
        return table
    }()

    /// The currencies whose minor unit is not hundredths.
    private static let otherExponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0,
        "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// The currencies with cents (two digits).
    private static let twoDigitCodes = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE \
        CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD \
        HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU \
        MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG \
        SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES \
        WST XCD XCG YER ZAR ZMW ZWG ZWL
        """
}
