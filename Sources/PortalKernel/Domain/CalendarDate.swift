import Foundation

/// A day on the calendar (`2025-03-01`), not an instant.
///
/// Invoice dates, due dates and work dates are calendar dates in the account's time zone. "Today" is always
/// computed from an instant and that time zone (``today(at:in:)``), so a company in Honolulu and one in New York
/// agree on what their own invoices' dates mean.
public struct CalendarDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 (January) to 12.
    public let month: Int
    /// The day of the month, 1 to 31 (valid for the month and year).
    public let day: Int

    /// A valid date, or `nil` (`CalendarDate(year: 2025, month: 2, day: 29)` is `nil`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, digits only (`+999-12-31` is not a date); anything else is `nil`.
    public init?(iso string: String) {
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The calendar date that `instant` falls on in `timeZone`.
    public static func today(at instant: Date, in timeZone: TimeZone) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The date `days` later (or earlier, when negative), held within 0001-01-01 … 9999-12-31: a number of days
    /// from a stored setting or a request can never make a date that does not exist or trap (SPEC M2).
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        let target = overflow ? (days < 0 ? Self.first.dayNumber : Self.last.dayNumber) : sum
        return Self(dayNumber: min(max(target, Self.first.dayNumber), Self.last.dayNumber))
    }

    /// The date `months` calendar months later (or earlier), on the same day of the month, or on that month's last
    /// day when it is shorter: 31 January plus one month is 28 (or 29) February, plus two is 31 March. Held within
    /// 0001-01-01 … 9999-12-31, like ``adding(days:)``.
    public func adding(months: Int) -> CalendarDate {
        let (index, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
        let clamped = overflow ? (months < 0 ? 12 : 9999 * 12 + 11) : min(max(index, 12), 9999 * 12 + 11)
        let (year, month) = (clamped / 12, clamped % 12 + 1)
        return CalendarDate(year: year, month: month, day: min(day, Self.daysIn(month: month, year: year)))!
    }

    /// Whole calendar months from `earlier` to this date's month, days left aside (January to March: 2).
    public func months(since earlier: CalendarDate) -> Int {
        (year * 12 + month) - (earlier.year * 12 + earlier.month)
    }

    /// The first date a `CalendarDate` holds: 0001-01-01 (four-digit years).
    public static let first = CalendarDate(year: 1, month: 1, day: 1)!
    /// The last date a `CalendarDate` holds: 9999-12-31.
    public static let last = CalendarDate(year: 9999, month: 12, day: 31)!

    /// Whole days from `earlier` to this date (negative when `earlier` is later).
    public func days(since earlier: CalendarDate) -> Int {
        dayNumber - earlier.dayNumber
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a date as YYYY-MM-DD, got \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Day arithmetic (proleptic Gregorian, days since 1970-01-01; pure integer maths)

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``dayNumber`` (`civil_from_days`).
    private init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }
}
