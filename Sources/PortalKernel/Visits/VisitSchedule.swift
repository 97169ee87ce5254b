/// Which of a customer's visits the portal shows (SPEC V1).
public enum VisitSchedule {
    /// V1: the visits from `today` on that are not cancelled, soonest first (by date, then window start, a visit
    /// without a window first, then id), each shown with its status: skipped ones too, so the client sees the gap.
    /// A visit already completed today is past, not upcoming.
    public static func upcoming(_ visits: [Visit], today: CalendarDate) -> [Visit] {
        visits.filter { $0.date >= today && $0.status != .cancelled && $0.status != .completed }.sorted(by: soonestFirst)
    }

    /// V1: the visits completed in the last `settings.pastVisitRetentionDays` days (by their date), latest first.
    /// Cancelled visits never show.
    public static func recent(_ visits: [Visit], today: CalendarDate, settings: VisitSettings) -> [Visit] {
        let oldest = today.adding(days: -settings.pastVisitRetentionDays)
        return visits.filter { $0.status == .completed && $0.date >= oldest && $0.date <= today }
            .sorted { soonestFirst($1, $0) }
    }

    /// Whether the portal shows `visit` at all today (one of ``upcoming(_:today:)`` or ``recent(_:today:settings:)``):
    /// what a visit's own page and forms answer to. Another visit is the same 404 as a missing one.
    public static func isShown(_ visit: Visit, today: CalendarDate, settings: VisitSettings) -> Bool {
        !upcoming([visit], today: today).isEmpty || !recent([visit], today: today, settings: settings).isEmpty
    }

    /// The next visit still planned (scheduled, confirmed or waiting for a new date): the home's top line.
    public static func next(_ visits: [Visit], today: CalendarDate) -> Visit? {
        upcoming(visits, today: today).first { $0.status.isPlanned }
    }

    static func soonestFirst(_ a: Visit, _ b: Visit) -> Bool {
        if a.date != b.date { return a.date < b.date }
        let (startA, startB) = (a.window?.start.minutesSinceMidnight ?? -1, b.window?.start.minutesSinceMidnight ?? -1)
        if startA != startB { return startA < startB }
        return a.id.rawValue.utf8.lexicographicallyPrecedes(b.id.rawValue.utf8)
    }
}
