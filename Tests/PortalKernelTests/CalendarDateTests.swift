import Foundation
import PortalKernel
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("Parses YYYY-MM-DD and refuses anything else")
    func parsing() {
        #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
        for bad in ["2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-01-01T00:00", "", "abcd-ef-gh"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad) should not parse")
        }
    }

    @Test("Adds and counts days across month, leap-day and year boundaries")
    func arithmetic() {
        let leapDay = CalendarDate(iso: "2024-02-29")!
        #expect(leapDay.adding(days: 1).description == "2024-03-01")
        #expect(leapDay.adding(days: -60).description == "2023-12-31")
        #expect(leapDay.adding(days: 366).description == "2025-03-01")
        #expect(CalendarDate(iso: "2025-01-01")!.days(since: CalendarDate(iso: "2024-01-01")!) == 366)
        #expect(CalendarDate(iso: "2026-01-01")!.days(since: CalendarDate(iso: "2025-01-01")!) == 365)
        #expect(CalendarDate(iso: "1999-12-31")!.adding(days: 1).description == "2000-01-01")
    }

    @Test("Today depends on the account's time zone")
    func todayInTimeZone() {
        // 2026-03-01 03:00 UTC is still 28 February in Chicago.
        let instant = Date(timeIntervalSince1970: 1_772_334_000)
        #expect(CalendarDate.today(at: instant, in: TimeZone(identifier: "UTC")!).description == "2026-03-01")
        #expect(CalendarDate.today(at: instant, in: TimeZone(identifier: "America/Chicago")!).description == "2026-02-28")
    }

    @Test("Encodes as a plain date string")
    func coding() throws {
        let data = try JSONEncoder().encode([CalendarDate(iso: "2026-11-25")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-25"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
