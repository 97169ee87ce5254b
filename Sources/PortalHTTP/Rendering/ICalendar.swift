import Foundation
import PortalKernel

/// iCalendar text (RFC 5545) for visits (SPEC V4): a `VCALENDAR` of `VEVENT`s, each line ending in CRLF and folded
/// at 75 octets (a continuation line starts with a space; a UTF-8 character is never split), text values escaped,
/// times in UTC (`DTSTART:20261202T140000Z`), a visit without a window as an all-day event.
enum ICalendar {
    /// When an event happens: an instant (a window's start or end), or a whole day.
    enum Moment {
        case instant(Date)
        case day(CalendarDate)
    }

    /// One `VEVENT`.
    struct Event {
        /// Stable for the visit across every download (`visit-id@host`), so a calendar updates it in place.
        let uid: String
        let start: Moment
        let end: Moment
        let summary: String
        let location: String?
        let description: String?
        let url: String?
        /// `CONFIRMED`, `TENTATIVE` or `CANCELLED`.
        let status: String
        /// Bumped on each change (``Visit/sequence``).
        let sequence: Int
    }

    /// The calendar named `name` holding `events`, stamped `stamp` (`DTSTAMP`: when this copy was made).
    static func document(name: String, events: [Event], stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Client Portal//Visits//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name), "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
        ]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + utc(stamp)]
            lines += [property("DTSTART", event.start), property("DTEND", event.end)]
            lines += ["SEQUENCE:\(max(0, event.sequence))", "STATUS:" + event.status, "SUMMARY:" + escape(event.summary)]
            if let location = event.location { lines.append("LOCATION:" + escape(location)) }
            if let description = event.description { lines.append("DESCRIPTION:" + escape(description)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// `name:value` of a moment: `DTSTART:20261202T140000Z`, or `DTSTART;VALUE=DATE:20261202`.
    private static func property(_ name: String, _ moment: Moment) -> String {
        switch moment {
        case .instant(let instant): "\(name):\(utc(instant))"
        case .day(let day): "\(name);VALUE=DATE:\(day.description.replacingOccurrences(of: "-", with: ""))"
        }
    }

    /// `20261202T140000Z`.
    static func utc(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2) + pad(parts.minute, 2)
            + pad(parts.second, 2) + "Z"
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, other control
    /// characters (which TEXT may not hold) left out.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r": escaped += "\\n"
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `line` with CRLF, folded so no line is longer than 75 octets: the first holds up to 75, each continuation a
    /// space and up to 74, split only between Unicode scalars.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > limit {
                result += "\r\n "
                octets = 1
                limit = 75
            }
            result.unicodeScalars.append(scalar)
            octets += size
        }
        return result + "\r\n"
    }
}

extension ICalendar {
    /// The event of `visit` in `feed`'s account: its window on the account's clocks in UTC (or its whole day), the
    /// job's title and service address, the crew and note, and a link to the visit's page.
    static func event(of visit: Visit, in feed: CalendarFeeds.Feed, links: PortalLinks) -> Event {
        let zone = feed.account.timeZone
        let job = feed.jobs[visit.jobID]
        let (start, end): (Moment, Moment) = visit.window == nil
            ? (.day(visit.date), .day(visit.date.adding(days: 1)))
            : (.instant(visit.start(in: zone)), .instant(visit.end(in: zone)))
        let details = [
            visit.crew.map { "Crew: \($0)" }, visit.clientNote,
            visit.status == .skipped ? "Skipped." : visit.status == .rescheduleRequested ? "You asked for another date." : nil,
        ].compactMap { $0 }
        let host = URL(string: links.portal(feed.account))?.host ?? "client-portal"
        return Event(
            uid: "visit-\(visit.id.rawValue)@\(host)", start: start, end: end,
            summary: "\(feed.account.branding.displayName): \(job?.title ?? "Visit")",
            location: (job?.serviceAddress ?? feed.customer.serviceAddresses.first)?.description,
            description: details.isEmpty ? nil : details.joined(separator: "\n"),
            url: "\(links.portal(feed.account))/visits/\(visit.id.rawValue)",
            status: status(of: visit.status), sequence: visit.sequence)
    }

    /// A visit's `STATUS`: confirmed, cancelled when skipped or cancelled, tentative otherwise.
    static func status(of status: Visit.Status) -> String {
        switch status {
        case .confirmed, .completed: "CONFIRMED"
        case .skipped, .cancelled: "CANCELLED"
        case .scheduled, .rescheduleRequested: "TENTATIVE"
        }
    }
}
