import Foundation
import PortalKernel

/// How one account shows money, dates and quantities: its currency and time zone, in US English.
struct Formatting: Sendable {
    let currency: Currency
    let timeZone: TimeZone
    private static let locale = Locale(identifier: "en_US")

    init(account: Account) {
        currency = account.currency
        timeZone = account.timeZone
    }

    /// `$1,234.50`, `¥12,345`, `KWD 1.234`: the amount in the account's currency with exactly its ISO 4217 digits
    /// (SPEC M1), whatever digits Foundation's locale data would pick.
    func money(_ amount: Money) -> String {
        let digits = currency.minorUnitDigits
        let value = Decimal(sign: amount.cents < 0 ? .minus : .plus, exponent: -digits, significand: Decimal(amount.cents.magnitude))
        return value.formatted(.currency(code: currency.code).locale(Self.locale).precision(.fractionLength(digits)))
    }

    /// `1234.50`, `12345`, `1.234`: the amount as a form field holds it, so that submitting it untouched gives the
    /// same amount back (SPEC M1).
    func amountField(_ amount: Money) -> String {
        amount.decimalText(in: currency)
    }

    /// The amount typed into a form, in the account's currency (SPEC M1, ``AmountEntry``); throws the hint to show
    /// beside the field.
    func parseAmount(_ text: String) throws(AmountEntryError) -> Money {
        try AmountEntry.parse(text, in: currency)
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

    /// `8:00 AM`, `12:30 PM`: a wall-clock time, in US English.
    func time(_ time: LocalTime) -> String {
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        return "\(hour):\(time.minute < 10 ? "0" : "")\(time.minute) \(time.hour < 12 ? "AM" : "PM")"
    }

    /// `8:00 AM – 10:00 AM`: an arrival window.
    func window(_ window: ArrivalWindow) -> String {
        "\(time(window.start)) – \(time(window.end))"
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
}
