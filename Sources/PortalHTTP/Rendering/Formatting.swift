import Foundation
import PortalKernel

/// How one account shows money, dates and quantities: its currency and time zone, in US English.
struct Formatting: Sendable {
    let currencyCode: String
    let timeZone: TimeZone
    private static let locale = Locale(identifier: "en_US")

    init(account: Account) {
        currencyCode = account.currencyCode
        timeZone = account.timeZone
    }

    /// `$1,234.50`, in the account's currency.
    func money(_ amount: Money) -> String {
        let value = Decimal(amount.cents) / 100
        return value.formatted(.currency(code: currencyCode).locale(Self.locale))
    }

    /// `March 3, 2026`: a calendar date needs no time zone.
    func date(_ date: CalendarDate) -> String {
        var components = DateComponents()
        (components.year, components.month, components.day) = (date.year, date.month, date.day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard let instant = calendar.date(from: components) else { return date.description }
        return instant.formatted(
            Date.FormatStyle(date: .long, time: .omitted, locale: Self.locale, calendar: calendar, timeZone: .gmt))
    }

    /// `March 3, 2026 at 2:05 PM`, in the account's time zone.
    func instant(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return instant.formatted(
            Date.FormatStyle(date: .long, time: .shortened, locale: Self.locale, calendar: calendar, timeZone: timeZone))
    }

    /// `2.5`, `12`: a line's quantity as typed.
    func quantity(_ quantity: Decimal) -> String {
        quantity.formatted(.number.locale(Self.locale))
    }

    /// `2.5%` from basis points.
    func percent(basisPoints: Int) -> String {
        (Decimal(basisPoints) / 100).formatted(.number.locale(Self.locale)) + "%"
    }

    /// Parses an amount as people type it (`1,234.50`, `$80`, `80.5`) into money; `nil` when it is not one.
    static func parseAmount(_ text: String) -> Money? {
        let cleaned = text.filter { !"$€£, \u{00A0}".contains($0) }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            cleaned.filter({ $0 == "." }).count <= 1
        else { return nil }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])), whole < 100_000_000 else {
            return nil
        }
        let cents = Int(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        return Money(cents: whole * 100 + cents)
    }
}
