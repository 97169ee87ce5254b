import Foundation

/// A job's recurring plan of visits (SPEC "Visits"): a cadence from a first date, until a date or for a number of
/// visits. Its visits are ``Visit`` records made when the series is scheduled (``dates(from:through:)``), so each
/// can be confirmed, skipped, moved or completed on its own.
public struct VisitSeries: Hashable, Codable, Sendable {
    public typealias ID = Identifier<VisitSeries>

    /// How often the crew comes.
    public enum Cadence: String, Hashable, Codable, Sendable, CaseIterable {
        /// Every 7 days.
        case weekly
        /// Every 14 days.
        case everyTwoWeeks
        /// Every 28 days.
        case everyFourWeeks
        /// On the first date's day of each month, or the month's last day when it is shorter (the 31st: 30 April,
        /// 28 or 29 February).
        case monthly

        /// Days between visits; `nil` for `monthly`.
        var days: Int? {
            switch self {
            case .weekly: 7
            case .everyTwoWeeks: 14
            case .everyFourWeeks: 28
            case .monthly: nil
            }
        }
    }

    /// Where a series stops. Stored as `{"until": "2027-06-30"}` or `{"count": 26}`.
    public enum End: Hashable, Codable, Sendable {
        /// The last date a visit may fall on (included).
        case until(CalendarDate)
        /// How many visits in all.
        case count(Int)

        private enum CodingKeys: String, CodingKey { case until, count }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let until = try container.decodeIfPresent(CalendarDate.self, forKey: .until) {
                self = .until(until)
            } else {
                self = .count(try container.decode(Int.self, forKey: .count))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .until(let date): try container.encode(date, forKey: .until)
            case .count(let count): try container.encode(count, forKey: .count)
            }
        }
    }

    /// A client's pause (V3): the visits from `from` through `to` are skipped.
    public struct Pause: Hashable, Codable, Sendable {
        /// The first day paused.
        public var from: CalendarDate
        /// The last day paused (included).
        public var to: CalendarDate
        /// When the client paused.
        public var requestedAt: Date

        /// Memberwise.
        public init(from: CalendarDate, to: CalendarDate, requestedAt: Date) {
            self.from = from
            self.to = to
            self.requestedAt = requestedAt
        }
    }

    /// The most visits one series makes: ten years of weekly visits.
    public static let maximumVisits = 520

    /// The series' id, a random UUID string.
    public var id: ID
    /// The company doing the work.
    public var accountID: Account.ID
    /// The job the visits do work for.
    public var jobID: Job.ID
    /// The job's customer.
    public var customerID: Customer.ID
    /// How often.
    public var cadence: Cadence
    /// The first visit's date.
    public var start: CalendarDate
    /// Where the series stops.
    public var end: End
    /// The arrival window of each visit, `nil` for none.
    public var window: ArrivalWindow?
    /// The crew of each visit, `nil` when not assigned.
    public var crew: String?
    /// The client's pause, while one is on (V3).
    public var pause: Pause?
    /// When the series was scheduled.
    public var createdAt: Date

    /// Memberwise.
    public init(
        id: ID = .random(), accountID: Account.ID, jobID: Job.ID, customerID: Customer.ID, cadence: Cadence,
        start: CalendarDate, end: End, window: ArrivalWindow? = nil, crew: String? = nil, pause: Pause? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.jobID = jobID
        self.customerID = customerID
        self.cadence = cadence
        self.start = start
        self.end = end
        self.window = window
        self.crew = crew
        self.pause = pause
        self.createdAt = createdAt
    }

    /// The dates of the series' visits from `first` through `last` (both included), in order: a pure function of
    /// the series and the range, whatever time zone or daylight-saving change (the dates are calendar dates; the
    /// window is read on each in the account's zone when it is needed). At most ``maximumVisits`` dates from the
    /// start are ever made, whatever `end` says.
    public func dates(from first: CalendarDate, through last: CalendarDate) -> [CalendarDate] {
        guard first <= last else { return [] }
        let limit: Int
        switch end {
        case .count(let count): limit = min(max(count, 0), Self.maximumVisits)
        case .until: limit = Self.maximumVisits
        }
        var dates: [CalendarDate] = []
        // The first occurrence that can fall on or after `first`, without walking from the start.
        var index = max(0, firstIndex(onOrAfter: first))
        while index < limit, let date = occurrence(index) {
            if date > last { break }
            if case .until(let until) = end, date > until { break }
            if date >= first { dates.append(date) }
            index += 1
        }
        return dates
    }

    /// Every date of the series: its visits when it is scheduled.
    public var allDates: [CalendarDate] {
        dates(from: start, through: CalendarDate.last)
    }

    /// The `index`th date (0 is the start); `nil` past 9999-12-31, where `CalendarDate` stops.
    func occurrence(_ index: Int) -> CalendarDate? {
        if let days = cadence.days {
            let date = start.adding(days: index * days)
            return date.days(since: start) == index * days ? date : nil
        }
        let date = start.adding(months: index)
        return date.months(since: start) == index ? date : nil
    }

    /// An index whose occurrence is not after `date`'s first occurrence on or after it (an estimate that never
    /// skips one).
    private func firstIndex(onOrAfter date: CalendarDate) -> Int {
        if let days = cadence.days { return date.days(since: start) / days }
        return date.months(since: start) - 1
    }
}
