import Foundation

/// SPEC V5: the email the day before a visit, once per visit, never for one that is skipped, cancelled or done.
public enum VisitReminders {
    /// When `visit`'s reminder is due: the day before its date, at the account's reminder hour, on its clocks.
    public static func dueAt(_ visit: Visit, settings: VisitSettings, timeZone: TimeZone) -> Date {
        visit.date.adding(days: -1).instant(at: LocalTime(hour: settings.reminderHour, minute: 0) ?? LocalTime(hour: 17, minute: 0)!, in: timeZone)
    }

    /// Whether to queue `visit`'s reminder at `instant`: it is still planned, none was queued, it is due, and the
    /// visit has not started (a server that was down catches up, but never after the crew came).
    public static func isDue(_ visit: Visit, at instant: Date, settings: VisitSettings, timeZone: TimeZone) -> Bool {
        visit.status.isPlanned && visit.reminderQueuedAt == nil
            && dueAt(visit, settings: settings, timeZone: timeZone) <= instant && instant < visit.start(in: timeZone)
    }
}
