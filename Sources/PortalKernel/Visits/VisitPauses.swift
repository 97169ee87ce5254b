import Foundation

/// Why a client's pause of a series is refused (SPEC V3), with the words the portal shows.
public enum VisitPauseRefusal: Error, Hashable, Sendable {
    /// The last day is before the first.
    case endsBeforeStart
    /// The first day is before today.
    case startsInPast
    /// Longer than the account allows.
    case tooLong(maxDays: Int)
    /// The first day is more than `days` ahead.
    case startsTooLate(days: Int)
    /// The series is already paused over this span.
    case alreadyPaused(VisitSeries.Pause)
    /// A visit in the span is past its cut-off (V2).
    case visitPastCutoff(Visit, VisitChangeRefusal)

    /// The form field the refusal is about (`from` or `to`), or `nil` when it is about the pause as a whole.
    public var field: String? {
        switch self {
        case .endsBeforeStart, .tooLong: "to"
        case .startsInPast, .startsTooLate: "from"
        case .alreadyPaused, .visitPastCutoff: nil
        }
    }

    /// One sentence for the client.
    public var message: String {
        switch self {
        case .endsBeforeStart: "The last day of the pause is before its first day."
        case .startsInPast: "A pause cannot start before today."
        case .tooLong(let days): "A pause can last at most \(days) days."
        case .startsTooLate(let days): "A pause can start at most \(days) days from today."
        case .alreadyPaused: "Your visits are already paused; resume them first."
        case .visitPastCutoff(_, let refusal): "A visit in those days can no longer be changed here. \(refusal.message)"
        }
    }
}

/// SPEC V3: pausing a series over a span of days, and resuming it.
public enum VisitPauses {
    /// The pause of `series` from `first` through `last` asked at `instant`: the series with its pause, and its visits
    /// that the pause skips (each planned visit of the series in the span, `skipped`, its status before kept in
    /// ``Visit/statusBeforePause`` and its ``Visit/sequence`` bumped), or why it is refused. `visits` may hold other
    /// visits; only the series' are touched. A pause may start at most ``latestStartDays`` from today.
    public static func pause(
        _ series: VisitSeries, visits: [Visit], from first: CalendarDate, through last: CalendarDate, at instant: Date,
        settings: VisitSettings, timeZone: TimeZone
    ) -> Result<(VisitSeries, [Visit]), VisitPauseRefusal> {
        guard first <= last else { return .failure(.endsBeforeStart) }
        let today = CalendarDate.today(at: instant, in: timeZone)
        guard first >= today else { return .failure(.startsInPast) }
        guard first.days(since: today) <= latestStartDays else { return .failure(.startsTooLate(days: latestStartDays)) }
        guard last.days(since: first) + 1 <= settings.maxPauseDays else { return .failure(.tooLong(maxDays: settings.maxPauseDays)) }
        if let pause = series.pause, pause.to >= today {
            return .failure(.alreadyPaused(pause))
        }
        let affected = visits.filter { $0.seriesID == series.id && $0.status.isPlanned && $0.date >= first && $0.date <= last }
        var skipped: [Visit] = []
        for visit in affected.sorted(by: VisitSchedule.soonestFirst) {
            if let refusal = VisitChangeRule.refusal(.pause, of: visit, at: instant, settings: settings, timeZone: timeZone) {
                return .failure(.visitPastCutoff(visit, refusal))
            }
            var changed = visit
            changed.statusBeforePause = visit.status
            changed.status = .skipped
            changed.sequence += 1
            skipped.append(changed)
        }
        var paused = series
        paused.pause = VisitSeries.Pause(from: first, to: last, requestedAt: instant)
        return .success((paused, skipped))
    }

    /// Resuming `series` at `instant`: the series without its pause, and the visits its pause skipped that are
    /// still before their cut-off (V2: the office may have given that crew's time away), back to their status
    /// before the pause, sequence bumped. Visits the client skipped one by one stay skipped.
    public static func resume(
        _ series: VisitSeries, visits: [Visit], at instant: Date, settings: VisitSettings, timeZone: TimeZone
    ) -> (VisitSeries, [Visit]) {
        var resumed = series
        resumed.pause = nil
        let restored = visits.filter {
            $0.seriesID == series.id && $0.status == .skipped && $0.statusBeforePause != nil
                && instant <= VisitChangeRule.cutoff(of: $0, settings: settings, timeZone: timeZone)
        }.map { visit in
            var changed = visit
            changed.status = visit.statusBeforePause ?? .scheduled
            changed.statusBeforePause = nil
            changed.sequence += 1
            return changed
        }
        return (resumed, restored)
    }

    /// How far ahead a pause may start, in days.
    public static let latestStartDays = 365
}
