import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Job`: a piece of work, from lead to completion.
struct APIJob: Codable, Sendable {
    /// The job's id, an opaque string.
    let id: String
    /// The customer the work is for; `nil` only for a lead not yet attached to a customer.
    let customerId: String?
    /// A short name for the work, such as "Spring cleanup".
    let title: String
    /// The stage the job was created in; it never changes, and the portal shows proposals by it (SPEC P1).
    let createdStage: Job.CreatedStage
    /// Where the job is now.
    let stage: Job.Stage
    /// The day the work is planned for, `YYYY-MM-DD`; `nil` when not planned yet.
    let workDate: CalendarDate?
    /// Whether the job began as a service request from the customer portal.
    let portalLead: Bool

    /// The API's view of `job`.
    init(_ job: Job) {
        (id, customerId, title) = (job.id.rawValue, job.customerID?.rawValue, job.title)
        (createdStage, stage, workDate, portalLead) = (job.createdStage, job.stage, job.workDate, job.portalLead)
    }
}

/// `NewJob`: a job to create.
struct APINewJob: Decodable, Sendable {
    /// The customer the work is for (404 when the account has no such customer); `nil` (absent or `null`) for none.
    let customerId: String?
    /// A short name for the work; not blank, at most 200 characters once trimmed (422 otherwise).
    let title: String
    /// The stage the job starts in, also saved as its `createdStage`.
    let stage: Job.CreatedStage
    /// The day the work is planned for, `YYYY-MM-DD`; `nil` (absent or `null`) for none.
    let workDate: CalendarDate?
}

/// A JSON Merge Patch of a job (#20): `workDate: null` clears the date; a job always has a stage and a title.
struct APIJobChange: Decodable, Sendable {
    /// The new stage; `.absent` keeps it, `null` is refused (422): a job is always at a stage.
    let stage: PatchField<Job.Stage>
    /// The new title, trimmed, 1 to 200 characters; `.absent` keeps it, `null` is refused (422).
    let title: PatchField<String>
    /// The new work date, `YYYY-MM-DD`; `.absent` keeps it, `null` clears it.
    let workDate: PatchField<CalendarDate>

    /// The kernel's change; a 422 for a `null` stage or title.
    func change() throws -> Job.Change {
        Job.Change(
            stage: try stage.required("stage", "a job is always at a stage"), title: try title.required("title", "a job always has a title"),
            workDate: workDate.change)
    }
}
