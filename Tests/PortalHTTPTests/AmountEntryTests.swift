import Foundation
import PortalKernel
import PropertyBased
import Testing

@testable import PortalHTTP

/// SPEC M1: amounts typed into forms are read in the account's currency, by one US English rule.
@Suite("M1 typed amounts")
struct AmountEntryTests {
    static func format(_ code: String) -> Formatting {
        Formatting(account: Account(name: "A", portalKey: "a", currencyCode: code, branding: Branding(displayName: "A"), createdAt: Date()))
    }

    @Test("M1: amounts read in the currency's digits: JPY 5000 is 5,000 yen, KWD 1.234 is 1,234 fils, USD 12.50 is 1,250 cents")
    func digits() throws {
        let (usd, eur, jpy, kwd) = (Self.format("USD"), Self.format("EUR"), Self.format("JPY"), Self.format("KWD"))
        #expect(try jpy.parseAmount("5000") == Money(cents: 5_000))
        #expect(try jpy.parseAmount("¥12,345") == Money(cents: 12_345))
        #expect(try kwd.parseAmount("1.234") == Money(cents: 1_234))
        #expect(try kwd.parseAmount("KWD 1.2") == Money(cents: 1_200))
        #expect(try kwd.parseAmount("1") == Money(cents: 1_000))
        #expect(try usd.parseAmount("12.50") == Money(cents: 1_250))
        #expect(try usd.parseAmount("1,234.50") == Money(cents: 123_450))
        #expect(try usd.parseAmount(" $1,234,567 ") == Money(cents: 123_456_700))
        #expect(try eur.parseAmount("€12.5") == Money(cents: 1_250))
        #expect(try eur.parseAmount("12.50 EUR") == Money(cents: 1_250))
        #expect(try eur.parseAmount(".5") == Money(cents: 50))
        #expect(try usd.parseAmount("0") == .zero)
    }

    @Test("M1: a comma as decimal separator or grouping not by threes is refused with a hint, never guessed")
    func separators() {
        let (eur, jpy) = (Self.format("EUR"), Self.format("JPY"))
        for typed in ["12,50", "1,0,0", "1,2345", "12.50,00", "1.234.567", ",50"] {
            #expect(throws: AmountEntryError(problem: .separators, currency: eur.currency), "\(typed)") { try eur.parseAmount(typed) }
        }
        #expect(AmountEntryError(problem: .separators, currency: eur.currency).description
            == "Use a dot for cents: 12.50. A comma only separates thousands, as in 1,234.50.")
        #expect(throws: AmountEntryError(problem: .separators, currency: jpy.currency)) { try jpy.parseAmount("12,50") }
        #expect(AmountEntryError(problem: .separators, currency: jpy.currency).description
            == "JPY amounts have no decimals; use a comma only between thousands, as in 1,234.")
    }

    @Test("M1: more decimals than the currency has are refused: JPY 5.5, USD 80.505, KWD 1.2345")
    func tooManyDecimals() {
        for (code, typed) in [("JPY", "5.5"), ("JPY", "5.0"), ("USD", "80.505"), ("KWD", "1.2345")] {
            let format = Self.format(code)
            #expect(throws: AmountEntryError(problem: .tooManyDecimals, currency: format.currency), "\(typed)") { try format.parseAmount(typed) }
        }
        #expect(AmountEntryError(problem: .tooManyDecimals, currency: Self.format("JPY").currency).description == "JPY amounts are whole numbers, such as 5000.")
        #expect(AmountEntryError(problem: .tooManyDecimals, currency: Self.format("KWD").currency).description
            == "KWD amounts have at most 3 decimals, such as 12.500.")
    }

    @Test("M1: what is not an amount is refused: letters, signs, exponents, spaces inside")
    func notANumber() {
        let usd = Self.format("USD")
        for typed in ["", " ", "abc", "-5", "$-5", "1e5", "5k", "1 234", ".", "12.50 JPY", "++1"] {
            #expect(throws: AmountEntryError(problem: .notANumber, currency: usd.currency), "\(typed)") { try usd.parseAmount(typed) }
        }
        #expect(AmountEntryError(problem: .notANumber, currency: usd.currency).description == "Enter an amount in USD such as 12.50.")
    }

    @Test("M1/M2: a typed amount is at most 10^13 minor units, and no length of digits overflows")
    func limit() throws {
        let (usd, jpy) = (Self.format("USD"), Self.format("JPY"))
        #expect(try usd.parseAmount("100,000,000,000.00") == Money(cents: 10_000_000_000_000))
        #expect(try jpy.parseAmount("10000000000000") == Money(cents: 10_000_000_000_000))
        for typed in ["100,000,000,000.01", "99999999999999999999999999", "000000000000000000000000001" + "000000000000"] {
            #expect(throws: AmountEntryError(problem: .tooLarge, currency: usd.currency), "\(typed)") { try usd.parseAmount(typed) }
        }
        #expect(try usd.parseAmount("0000000000000000000000000012.50") == Money(cents: 1_250))
        #expect(AmountEntryError(problem: .tooLarge, currency: jpy.currency).description == "Enter an amount of at most 10,000,000,000,000.")
    }

    @Test("M1 (PropertyBased): any amount in 0…10^13, shown on a page, in a form field or by the kernel, reads back the same")
    func roundTrip() async throws {
        for code in ["USD", "EUR", "JPY", "KWD"] {
            let format = Self.format(code)
            await propertyCheck(count: 200, input: Gen.int(in: 0...Money.limit)) { cents in
                let amount = Money(cents: cents)
                #expect((try? format.parseAmount(format.money(amount))) == amount, "\(code) \(format.money(amount))")
                #expect((try? format.parseAmount(format.amountField(amount))) == amount, "\(code)")
                #expect((try? format.parseAmount(amount.formatted(currencyCode: code))) == amount, "\(code)")
            }
            for cents in [0, 1, 9, 10, 99, 100, 999, 1_000, Money.limit] {
                #expect(try format.parseAmount(format.money(Money(cents: cents))) == Money(cents: cents), "\(code) \(cents)")
            }
        }
    }
}
