import PortalKernel
import Testing

/// SPEC M1: each currency's ISO 4217 digits, and amounts written in them without Foundation's locales.
@Suite("M1 currencies and their digits")
struct CurrencyTests {
    @Test("M1: the ISO 4217 table gives 2 digits to USD and EUR, 0 to JPY and KRW, 3 to KWD and BHD, 4 to CLF")
    func digits() throws {
        for (code, digits) in [
            ("USD", 2), ("EUR", 2), ("CAD", 2), ("GBP", 2), ("AUD", 2), ("JPY", 0), ("KRW", 0), ("VND", 0), ("CLP", 0), ("ISK", 0),
            ("KWD", 3), ("BHD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3), ("IQD", 3), ("LYD", 3), ("CLF", 4),
        ] {
            #expect(try #require(Currency(code: code)).minorUnitDigits == digits, "\(code)")
        }
        #expect(Currency(code: "jpy")?.code == "JPY")
        #expect(Currency(code: "KWD")?.minorUnitsPerMajorUnit == 1_000)
        #expect(Currency(code: "JPY")?.minorUnitsPerMajorUnit == 1)
    }

    @Test("M1: unknown codes, metals and funds without a minor unit are refused; a stored one reads with 2 digits")
    func unknownCodes() {
        for code in ["ABC", "XAU", "XXX", "HRK", "", "US", "USDX"] {
            #expect(Currency(code: code) == nil, "\(code)")
        }
        #expect(Currency(storedCode: "HRK").minorUnitDigits == 2)
        #expect(Currency(storedCode: "jpy") == Currency(code: "JPY"))
        #expect(Money(cents: 12_345).formatted(currencyCode: "ABC") == "ABC 123.45")
    }

    @Test("M1: the kernel writes an amount with its code and exactly its currency's digits")
    func formatted() {
        #expect(Money(cents: 12_345).formatted(currencyCode: "JPY") == "JPY 12,345")
        #expect(Money(cents: 1_234).formatted(currencyCode: "KWD") == "KWD 1.234")
        #expect(Money(cents: 5).formatted(currencyCode: "KWD") == "KWD 0.005")
        #expect(Money(cents: 1_250).formatted(currencyCode: "USD") == "USD 12.50")
        #expect(Money(cents: 123_456_789).formatted(currencyCode: "EUR") == "EUR 1,234,567.89")
        #expect(Money(cents: -1_250).formatted(currencyCode: "USD") == "USD -12.50")
        #expect(Money.zero.formatted(currencyCode: "JPY") == "JPY 0")
        #expect(Money(cents: Int.min).formatted(currencyCode: "USD") == "USD -92,233,720,368,547,758.08")
    }

    @Test("M1: a form field holds the plain number in the currency's digits")
    func decimalText() throws {
        let (usd, jpy, kwd) = (try #require(Currency(code: "USD")), try #require(Currency(code: "JPY")), try #require(Currency(code: "KWD")))
        #expect(Money(cents: 123_450).decimalText(in: usd) == "1234.50")
        #expect(Money(cents: 123_450).decimalText(in: usd, grouped: true) == "1,234.50")
        #expect(Money(cents: 12_345).decimalText(in: jpy) == "12345")
        #expect(Money(cents: 1_234).decimalText(in: kwd) == "1.234")
        #expect(Money(cents: 7).decimalText(in: usd) == "0.07")
    }

    @Test("M1: an account reads its currency from its code")
    func accountCurrency() {
        let account = Account(name: "A", portalKey: "a", currencyCode: "JPY", branding: Branding(displayName: "A"), createdAt: Fixture.now)
        #expect(account.currency.minorUnitDigits == 0)
    }

    @Test("M1: the settings save only an active currency of the ISO 4217 table, upper-cased")
    func settingsCurrency() throws {
        let account = Account(name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: Fixture.now)
        var form = SettingsForm(account)
        form.currency = "jpy"
        #expect(try form.applied(to: account).currencyCode == "JPY")
        for code in ["XAU", "ABC", "HRK"] {  // HRK: the kuna, withdrawn in 2023
            form.currency = code
            let refusal = try #require(throws: UseCaseError.self, "\(code) was saved") { try form.applied(to: account) }
            #expect(refusal.fields == ["currency": "Enter a currency code such as USD."])
        }
    }
}
