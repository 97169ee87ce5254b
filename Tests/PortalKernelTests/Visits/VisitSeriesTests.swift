import Foundation
import PortalKernel
import PropertyBased
import Testing

/// #23: a series' visit dates are a pure function of the series and a date range.
@Suite("Visit series: the dates of its visits")
struct VisitSeriesTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static func series(_ cadence: VisitSeries.Cadence, _ start: String, _ end: VisitSeries.End) -> VisitSeries {
        VisitSeries(
            accountID: "a", jobID: "j", customerID: "c", cadence: cadence, start: date(start), end: end,
            window: ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!),
            createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test("#23: weekly, every two weeks and every four weeks count days from the first date; a count or an until date (included) ends them")
    func dayCadences() {
        #expect(Self.series(.weekly, "2026-03-02", .count(4)).allDates.map(\.description) == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"])
        #expect(Self.series(.everyTwoWeeks, "2026-12-21", .until(Self.date("2027-01-18"))).allDates.map(\.description)
            == ["2026-12-21", "2027-01-04", "2027-01-18"])
        #expect(Self.series(.everyTwoWeeks, "2026-12-21", .until(Self.date("2027-01-17"))).allDates.count == 2)
        #expect(Self.series(.everyFourWeeks, "2026-01-05", .count(3)).allDates.map(\.description) == ["2026-01-05", "2026-02-02", "2026-03-02"])
        #expect(Self.series(.weekly, "2026-03-02", .until(Self.date("2026-03-01"))).allDates.isEmpty)
        #expect(Self.series(.weekly, "2026-03-02", .count(0)).allDates.isEmpty)
        #expect(Self.series(.weekly, "2026-03-02", .count(-3)).allDates.isEmpty)
    }

    @Test("#23: monthly keeps the first date's day, or the month's last day when it is shorter: the 31st in February, April and a leap year")
    func monthlyMonthEnds() {
        #expect(Self.series(.monthly, "2027-01-31", .count(5)).allDates.map(\.description)
            == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"])
        #expect(Self.series(.monthly, "2028-01-31", .count(3)).allDates.map(\.description) == ["2028-01-31", "2028-02-29", "2028-03-31"])
        #expect(Self.series(.monthly, "2028-02-29", .count(3)).allDates.map(\.description) == ["2028-02-29", "2028-03-29", "2028-04-29"])
        #expect(Self.series(.monthly, "2026-11-30", .until(Self.date("2027-03-30"))).allDates.map(\.description)
            == ["2026-11-30", "2026-12-30", "2027-01-30", "2027-02-28", "2027-03-30"])
    }

    @Test("#23: a series makes at most 520 visits, and none past 9999-12-31, whatever its end says")
    func bounded() {
        #expect(Self.series(.weekly, "2026-01-01", .count(100_000)).allDates.count == VisitSeries.maximumVisits)
        #expect(Self.series(.monthly, "2026-01-01", .until(Self.date("9999-12-31"))).allDates.count == VisitSeries.maximumVisits)
        let late = Self.series(.weekly, "9999-12-01", .count(520)).allDates
        #expect(late.count == 5 && late.last?.description == "9999-12-29")
        let lateMonthly = Self.series(.monthly, "9999-11-30", .count(520)).allDates
        #expect(lateMonthly.map(\.description) == ["9999-11-30", "9999-12-30"])
    }

    @Test("#23: the dates in a range are exactly the series' dates that fall in it, for any cadence, start, end and range")
    func rangeIsASlice() async {
        let cadence = Gen.int(in: 0...3).map { VisitSeries.Cadence.allCases[$0] }
        let day = Gen.int(in: 0...2_000).map { CalendarDate(iso: "2026-01-01")!.adding(days: $0) }
        let end = Gen.int(in: 0...600).map { VisitSeries.End.count($0) }
        await propertyCheck(count: 300, input: cadence, day, end, day, Gen.int(in: 0...400)) { cadence, start, end, first, length in
            var series = Self.series(cadence, "2026-01-01", end)
            series.start = start
            let last = first.adding(days: length)
            #expect(series.dates(from: first, through: last) == series.allDates.filter { $0 >= first && $0 <= last })
        }
    }

    @Test("#23: a weekly 08:00 window stays at 08:00 on New York's clocks across both daylight-saving changes, so the instants are 167 and 169 hours apart")
    func acrossDaylightSaving() {
        let spring = Self.series(.weekly, "2026-03-01", .count(2))
        let fall = Self.series(.weekly, "2026-10-25", .count(2))
        for (series, hours) in [(spring, 167.0), (fall, 169.0)] {
            let visits = series.allDates.map { Visit(accountID: "a", jobID: "j", customerID: "c", date: $0, window: series.window, createdAt: Date()) }
            let starts = visits.map { $0.start(in: Self.newYork) }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Self.newYork
            #expect(starts.map { calendar.component(.hour, from: $0) } == [8, 8])
            #expect(starts[1].timeIntervalSince(starts[0]) == hours * 3_600)
        }
    }
}
