import Foundation
import PortalKernel

// What the JSON API sends and receives about visits (#23, SPEC V1–V5). Calendar dates are `YYYY-MM-DD` in the
// account's time zone, times of day `HH:MM` on its clocks, instants ISO 8601. Field names match Docs/openapi.json.

/// `Visit`: one trip of a crew to a job's service address.
struct APIVisit: Codable, Sendable {
    /// The visit's id, an opaque string.
    let id: String
    /// Whose visit it is: the job's customer.
    let customerId: String
    /// The job the visit does work for.
    let jobId: String
    /// The series it belongs to; `nil` for a one-off visit.
    let seriesId: String?
    /// The day, in the account's time zone.
    let date: CalendarDate
    /// When the crew expects to arrive; `nil` for any time that day.
    let window: ArrivalWindow?
    /// Where it stands.
    let status: Visit.Status
    /// Who does the work; `nil` when not assigned.
    let crew: String?
    /// Staff's note for the client; `nil` for none.
    let clientNote: String?
    /// The client's open request for another date, while `status` is `rescheduleRequested`.
    let rescheduleRequest: Visit.RescheduleRequest?
    /// When staff marked it completed.
    let completedAt: Date?
    /// How many times its date, window or status changed (RFC 5545's `SEQUENCE`), from 0.
    let sequence: Int

    /// The API's view of `visit`.
    init(_ visit: Visit) {
        (id, customerId, jobId, seriesId) = (visit.id.rawValue, visit.customerID.rawValue, visit.jobID.rawValue, visit.seriesID?.rawValue)
        (date, window, status, crew, clientNote) = (visit.date, visit.window, visit.status, visit.crew, visit.clientNote)
        (rescheduleRequest, completedAt, sequence) = (visit.rescheduleRequest, visit.completedAt, visit.sequence)
    }
}

/// `VisitSeries`: a job's recurring plan of visits.
struct APIVisitSeries: Codable, Sendable {
    /// The series' id, an opaque string.
    let id: String
    /// The job's customer.
    let customerId: String
    /// The job the visits do work for.
    let jobId: String
    /// How often the crew comes.
    let cadence: VisitSeries.Cadence
    /// The first visit's date.
    let start: CalendarDate
    /// Where the series stops: `{"until": date}` or `{"count": n}`.
    let end: VisitSeries.End
    /// Each visit's arrival window when it was scheduled; `nil` for none.
    let window: ArrivalWindow?
    /// Each visit's crew when it was scheduled; `nil` for none.
    let crew: String?
    /// The client's pause, while one is on (SPEC V3).
    let pause: VisitSeries.Pause?

    /// The API's view of `series`.
    init(_ series: VisitSeries) {
        (id, customerId, jobId) = (series.id.rawValue, series.customerID.rawValue, series.jobID.rawValue)
        (cadence, start, end, window, crew, pause) = (series.cadence, series.start, series.end, series.window, series.crew, series.pause)
    }
}

/// `NewVisit`: a one-off visit to schedule.
struct APINewVisit: Decodable, Sendable {
    /// The job (404 when the account has none such; 422 when it has no customer yet).
    let jobId: String
    /// The day, from a year ago to ten years ahead (422 otherwise).
    let date: CalendarDate
    /// The arrival window; absent or `null` for any time that day.
    let window: ArrivalWindow?
    /// Who does the work, at most 100 characters; absent, `null` or blank for none.
    let crew: String?
    /// A note for the client, at most 1,000 characters; absent, `null` or blank for none.
    let clientNote: String?

    /// The kernel's plan.
    var plan: VisitPlanning.Plan {
        VisitPlanning.Plan(jobID: Job.ID(rawValue: jobId), date: date, window: window, crew: crew, clientNote: clientNote)
    }
}

/// `NewVisitSeries`: a series to schedule, with all its visits.
struct APINewVisitSeries: Decodable, Sendable {
    /// The job (404 when the account has none such; 422 when it has no customer yet).
    let jobId: String
    /// The first visit's date, from a year ago to ten years ahead.
    let start: CalendarDate
    /// How often.
    let cadence: VisitSeries.Cadence
    /// `{"until": date}` (on or after `start`, within ten years) or `{"count": n}` (1 to 520).
    let end: VisitSeries.End
    /// Each visit's arrival window; absent or `null` for none.
    let window: ArrivalWindow?
    /// Each visit's crew, at most 100 characters; absent, `null` or blank for none.
    let crew: String?
    /// A note for the client on each visit, at most 1,000 characters; absent, `null` or blank for none.
    let clientNote: String?

    /// The kernel's plan of the first visit.
    var plan: VisitPlanning.Plan {
        VisitPlanning.Plan(jobID: Job.ID(rawValue: jobId), date: start, window: window, crew: crew, clientNote: clientNote)
    }
}

/// `VisitChange`: a JSON Merge Patch of a visit. A new `date` or `window` plans it again (SPEC V2: `scheduled`, a
/// reschedule request answered); `date: null` is refused (422), the others clear with `null`.
struct APIVisitChange: Decodable, Sendable {
    /// The new day; `.absent` keeps it, `null` is refused (422).
    let date: PatchField<CalendarDate>
    /// The new window; `.absent` keeps it, `null` makes it any time that day.
    let window: PatchField<ArrivalWindow>
    /// The new crew; `.absent` keeps it, `null` or blank clears it.
    let crew: PatchField<String>
    /// The new note for the client; `.absent` keeps it, `null` or blank clears it.
    let clientNote: PatchField<String>

    /// The kernel's change; a 422 for `date: null`.
    func change() throws -> Visit.Change {
        Visit.Change(
            date: try date.required("date", "a visit always has a day"), window: window.change, crew: crew.change, clientNote: clientNote.change)
    }
}
