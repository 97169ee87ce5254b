import Foundation

/// What a client may do to a visit in the portal (SPEC V2, V3).
public enum VisitChange: String, Hashable, Sendable, CaseIterable {
    /// Say the visit suits them.
    case confirm
    /// Ask for another date.
    case reschedule
    /// Skip this one visit of a series.
    case skip
    /// Pause the visit's series over a span of days (V3; the span's first visit is the one checked).
    case pause
}

/// Why a client's change of a visit is refused (SPEC V2, V3), with the words the portal shows.
public enum VisitChangeRefusal: Error, Hashable, Sendable {
    /// The cut-off passed at `closedAt`, `hours` before the visit's start.
    case pastCutoff(closedAt: Date, hours: Int)
    /// The visit is not open to this change in its present status.
    case notOpen(Visit.Status)
    /// Only a visit of a series can be skipped or paused; a one-off visit can be rescheduled.
    case notInSeries

    /// One sentence for the client.
    public var message: String {
        switch self {
        case .pastCutoff(_, let hours):
            "Changes close \(hours) hours before a visit starts, so this one can no longer be changed here. Please call or email us."
        case .notOpen(let status):
            switch status {
            case .confirmed: "You have already confirmed this visit."
            case .rescheduleRequested: "We have your request for another date and will be in touch."
            case .skipped: "This visit is skipped."
            case .completed: "This visit is done."
            case .cancelled, .scheduled: "This visit can no longer be changed here."
            }
        case .notInSeries: "Only a visit of a regular schedule can be skipped; ask for another date instead."
        }
    }
}

/// SPEC V2: whether a client may still change a visit, at a given instant.
public enum VisitChangeRule {
    /// The last instant the client may change `visit`: its start (its window's start, or its day's without one) less
    /// the account's cut-off hours, on the account's clocks.
    public static func cutoff(of visit: Visit, settings: VisitSettings, timeZone: TimeZone) -> Date {
        visit.start(in: timeZone).addingTimeInterval(-Double(settings.changeCutoffHours) * 3_600)
    }

    /// Why `change` of `visit` is refused at `instant`, or `nil` when it is allowed: the status first (a done visit
    /// says so, whatever the time), then whether the visit is in a series, then the cut-off (allowed up to and
    /// including the cut-off instant).
    public static func refusal(
        _ change: VisitChange, of visit: Visit, at instant: Date, settings: VisitSettings, timeZone: TimeZone
    ) -> VisitChangeRefusal? {
        let statuses: Set<Visit.Status> = switch change {
        case .confirm: [.scheduled]
        case .reschedule: [.scheduled, .confirmed, .rescheduleRequested]
        case .skip, .pause: [.scheduled, .confirmed, .rescheduleRequested]
        }
        guard statuses.contains(visit.status) else { return .notOpen(visit.status) }
        if change == .skip || change == .pause, visit.seriesID == nil { return .notInSeries }
        let closes = cutoff(of: visit, settings: settings, timeZone: timeZone)
        guard instant <= closes else { return .pastCutoff(closedAt: closes, hours: settings.changeCutoffHours) }
        return nil
    }

    /// The changes a visit's page offers at `instant`: those ``refusal(_:of:at:settings:timeZone:)`` allows.
    public static func allowed(for visit: Visit, at instant: Date, settings: VisitSettings, timeZone: TimeZone) -> [VisitChange] {
        VisitChange.allCases.filter { refusal($0, of: visit, at: instant, settings: settings, timeZone: timeZone) == nil }
    }
}
