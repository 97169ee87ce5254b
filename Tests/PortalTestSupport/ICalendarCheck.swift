import Foundation

/// SPEC V4: a calendar read back by an outside parser (`ical_check.py`, the icalendar library from PyPI, which
/// `.ci/run` installs), so the feed is checked by code nobody on the team wrote.
public enum ICalendarCheck {
    /// One event as the parser read it.
    public struct Event: Decodable, Sendable {
        public let uid: String
        public let status: String
        public let sequence: Int
        /// ISO 8601, with its offset (`2026-12-02T13:00:00+00:00`), or a date (`2026-12-02`) for an all-day event.
        public let start: String
        public let end: String
        public let summary: String
        public let location: String
        public let description: String
    }

    /// The calendar's name and events.
    public struct Calendar: Decodable, Sendable {
        public let name: String
        public let events: [Event]
    }

    /// What the parser read from `text`.
    /// - Throws: the parser's reason when the text does not parse or breaks a line rule, or when Python or its
    ///   icalendar library is missing (`python3 -m pip install icalendar`).
    public static func parse(_ text: String) async throws -> Calendar {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("v4-\(UUID().uuidString).ics")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await PythonScript.run("ical_check.py", [file.path])
        guard outcome.status == 0, let json = outcome.output.split(separator: "\n").last else {
            throw Refused(reason: "ical_check.py exited \(outcome.status): \(outcome.output)")
        }
        return try JSONDecoder().decode(Calendar.self, from: Data(json.utf8))
    }

    /// The parser's refusal.
    public struct Refused: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }
}
