import Foundation
import PortalKernel
import Testing

/// #23: wall-clock times of a visit's day, read as instants in the account's zone.
@Suite("Local times and arrival windows")
struct LocalTimeTests {
    static func instant(_ date: String, _ time: String, _ zone: String) -> String {
        let instant = CalendarDate(iso: date)!.instant(at: LocalTime(iso: time)!, in: TimeZone(identifier: zone)!)
        return StorageJSON.format(instant)
    }

    @Test("#23: HH:MM parses and prints; out-of-range, malformed, signed and non-zero seconds are refused (and signed dates); a window must end after it starts")
    func parsing() throws {
        #expect(LocalTime(iso: "08:05")?.description == "08:05")
        #expect(LocalTime(iso: "23:59:00")?.description == "23:59")
        for bad in ["24:00", "8:00", "08:60", "08:00:30", "", "ab:cd", "08-00", "０８:００", "-1:00", "+1:00", "1 :00"] {
            #expect(LocalTime(iso: bad) == nil, "\(bad)")
        }
        for bad in ["+999-12-31", "2026-+1-01", "2026-12- 1"] { #expect(CalendarDate(iso: bad) == nil, "\(bad)") }
        let eight = LocalTime(hour: 8, minute: 0)!
        #expect(ArrivalWindow(start: eight, end: eight) == nil)
        #expect(ArrivalWindow(start: LocalTime(hour: 10, minute: 0)!, end: eight) == nil)
        let stored = Data(#"{"start":"10:00","end":"08:00"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ArrivalWindow.self, from: stored) }
        let window = ArrivalWindow(start: eight, end: LocalTime(hour: 10, minute: 30)!)!
        #expect(try JSONDecoder().decode(ArrivalWindow.self, from: JSONEncoder().encode(window)) == window)
    }

    @Test("#23: a local time is read in the zone: an ordinary day, a skipped hour (read after the skip), a repeated hour (the first), a 30-minute change and a day that skips midnight")
    func instants() {
        #expect(Self.instant("2026-12-10", "08:00", "America/New_York") == "2026-12-10T13:00:00.000Z")
        #expect(Self.instant("2026-07-10", "08:00", "America/New_York") == "2026-07-10T12:00:00.000Z")
        // 2026-03-08: New York's clocks go from 02:00 to 03:00.
        #expect(Self.instant("2026-03-08", "01:59", "America/New_York") == "2026-03-08T06:59:00.000Z")
        #expect(Self.instant("2026-03-08", "02:30", "America/New_York") == "2026-03-08T07:30:00.000Z")  // 03:30 EDT
        #expect(Self.instant("2026-03-08", "03:00", "America/New_York") == "2026-03-08T07:00:00.000Z")
        #expect(Self.instant("2026-03-08", "08:00", "America/New_York") == "2026-03-08T12:00:00.000Z")
        // 2026-11-01: from 02:00 EDT back to 01:00 EST; 01:30 happens twice.
        #expect(Self.instant("2026-11-01", "01:30", "America/New_York") == "2026-11-01T05:30:00.000Z")
        #expect(Self.instant("2026-11-01", "08:00", "America/New_York") == "2026-11-01T13:00:00.000Z")
        // Lord Howe Island moves its clocks by 30 minutes (02:00 → 02:30 on 2026-10-04).
        #expect(Self.instant("2026-10-04", "08:00", "Australia/Lord_Howe") == "2026-10-03T21:00:00.000Z")
        // Chile's summer time starts at midnight (2026-09-06 00:00 → 01:00).
        #expect(Self.instant("2026-09-06", "08:00", "America/Santiago") == "2026-09-06T11:00:00.000Z")
        #expect(Self.instant("2026-09-06", "00:30", "America/Santiago") == "2026-09-06T04:30:00.000Z")  // 01:30 -03
        #expect(Self.instant("2026-12-10", "08:00", "Pacific/Kiritimati") == "2026-12-09T18:00:00.000Z")
    }
}
