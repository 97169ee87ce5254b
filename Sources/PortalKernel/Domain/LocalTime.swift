import Foundation

/// A time of day on the wall clock of the account's time zone (`08:00`), to the minute; not an instant.
///
/// Stored and written as `HH:MM`, 24-hour.
public struct LocalTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int

    /// A valid time, or `nil` (`LocalTime(hour: 24, minute: 0)` is `nil`).
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (as an HTML time field sends it; seconds, when a browser adds `:SS`, must be zero); anything
    /// else is `nil`.
    public init?(iso text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), parts.count == 2 || parts[2] == "00"
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Minutes since midnight, 0 to 1,439.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a time as HH:MM, got \"\(text)\"")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// When a crew expects to arrive on a visit's day: from `start` to `end`, local times, `start` before `end`.
public struct ArrivalWindow: Hashable, Codable, Sendable {
    /// The earliest arrival.
    public let start: LocalTime
    /// The latest arrival, after `start` on the same day.
    public let end: LocalTime

    /// A window, or `nil` when `end` is not after `start`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    private enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(LocalTime.self, forKey: .start)
        guard let window = ArrivalWindow(start: start, end: try container.decode(LocalTime.self, forKey: .end)) else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: "The window ends before it starts")
        }
        self = window
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}

extension CalendarDate {
    /// The instant the wall clocks of `timeZone` show `time` on this date.
    ///
    /// A time the clocks skip (the hour lost when summer time starts) is read as the same number of minutes after
    /// the skip, as the clocks would have shown it (02:30 on a day that jumps from 02:00 to 03:00 is 03:30); a time
    /// the clocks show twice (the hour repeated when it ends) is the first of the two.
    public func instant(at time: LocalTime, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // The day's first instant, and what the clocks show then: 00:00, or 01:00 where the day starts by skipping
        // midnight (zones that change at 00:00).
        let first = calendar.startOfDay(for: calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!)
        let shown = calendar.dateComponents([.hour, .minute], from: first)
        let firstMinute = (shown.hour ?? 0) * 60 + (shown.minute ?? 0)
        let minutes = time.minutesSinceMidnight >= firstMinute ? time.minutesSinceMidnight - firstMinute : time.minutesSinceMidnight
        // Wall-clock minutes after the first instant, read with the offset in force then, corrected once for a change
        // of offset in between (at most one a day in every zone).
        let naive = first.addingTimeInterval(TimeInterval(minutes * 60))
        let corrected = naive.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: first) - timeZone.secondsFromGMT(for: naive)))
        // Inside a skipped span the corrected instant falls back before the change: the naive reading stands then.
        return timeZone.secondsFromGMT(for: corrected) == timeZone.secondsFromGMT(for: naive) ? corrected : naive
    }
}
