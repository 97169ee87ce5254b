import Foundation
import PortalKernel
import PortalTestSupport
import PropertyBased
import Testing

@testable import PortalHTTP

/// SPEC V4: the iCalendar writer's text rules (RFC 5545 §3.1 folding, §3.3.11 TEXT).
@Suite("iCalendar text")
struct ICalendarTests {
    /// Undoes folding: a CRLF followed by a space joins the lines. Byte by byte: a combining mark after the space
    /// would make one Character of the two to Swift's String.
    static func unfolded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index...].starts(with: [13, 10, 32]) {
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("V4: TEXT escapes backslash, semicolon, comma and line breaks, and drops other control characters")
    func escaping() {
        #expect(ICalendar.escape("a\\b;c,d\ne\r\nf\tg\u{0}h\u{7F}i") == "a\\\\b\\;c\\,d\\ne\\nf\tghi")
    }

    @Test("V4: every folded line is at most 75 octets and ends in CRLF, a character is never split, and unfolding gives the line back")
    func folding() async {
        let pieces = ["a", "é", "ü\u{308}", "日本", "🌳", " ", "\\;", "x"]
        let text = Gen.int(in: 0..<pieces.count).map { pieces[$0] }.array(of: 0...300).map { $0.joined() }
        await propertyCheck(count: 300, input: text) { value in
            let folded = ICalendar.fold("DESCRIPTION:" + value)
            #expect(folded.utf8.suffix(2).elementsEqual("\r\n".utf8))
            // Byte by byte: "\r\n" is one Character to Swift's String.
            let body = String(decoding: Array(folded.utf8.dropLast(2)), as: UTF8.self)
            for line in body.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 75, "\(line.utf8.count) octets")
            }
            #expect(Self.unfolded(body) == "DESCRIPTION:" + value)
        }
    }

    @Test("V4: a calendar of a timed and an all-day event reads back in the icalendar library with the same times, text and status")
    func readsBack() async throws {
        let day = CalendarDate(iso: "2026-12-02")!
        let start = day.instant(at: LocalTime(hour: 8, minute: 0)!, in: TimeZone(identifier: "America/New_York")!)
        let events = [
            ICalendar.Event(
                uid: "visit-1@portal.test", start: .instant(start), end: .instant(start.addingTimeInterval(7_200)),
                summary: "Greenleaf: Weekly mowing, front; back", location: "12 Oak St\nSpringfield", description: String(repeating: "Crew 2 — café 🌳 ", count: 20),
                url: "http://portal.test/portal/greenleaf/visits/1", status: "TENTATIVE", sequence: 2),
            ICalendar.Event(
                uid: "visit-2@portal.test", start: .day(day), end: .day(day.adding(days: 1)), summary: "Aeration", location: nil,
                description: nil, url: nil, status: "CANCELLED", sequence: 0),
        ]
        let calendar = try await ICalendarCheck.parse(ICalendar.document(name: "Greenleaf visits", events: events, stamp: start))
        #expect(calendar.name == "Greenleaf visits")
        #expect(calendar.events.map(\.uid) == ["visit-1@portal.test", "visit-2@portal.test"])
        #expect(calendar.events[0].start == "2026-12-02T13:00:00+00:00" && calendar.events[0].end == "2026-12-02T15:00:00+00:00")
        #expect(calendar.events[0].summary == "Greenleaf: Weekly mowing, front; back" && calendar.events[0].location == "12 Oak St\nSpringfield")
        #expect(calendar.events[0].description == String(repeating: "Crew 2 — café 🌳 ", count: 20))
        #expect(calendar.events[0].sequence == 2 && calendar.events[1].status == "CANCELLED")
        #expect(calendar.events[1].start == "2026-12-02" && calendar.events[1].end == "2026-12-03")
    }
}
