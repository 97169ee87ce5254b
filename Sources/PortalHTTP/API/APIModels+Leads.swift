import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Lead`: a request for service and the job in stage `lead` it opened, with what the requester typed.
struct APILead: Codable, Sendable {
    /// The lead's id, an opaque string.
    let id: String
    /// The job the request opened.
    let jobId: String
    /// The customer the lead's job is attached to; `nil` until one is attached.
    let customerId: String?
    /// The current stage of the lead's job; `nil` when the job cannot be found.
    let stage: Job.Stage?
    /// Whether the request came through the customer portal.
    let portalLead: Bool
    /// The requester's name, as typed.
    let name: String
    /// The requester's email address as typed, normalised (trimmed, lower case).
    let email: String
    /// The requester's phone number, as typed; `nil` when none was given.
    let phone: String?
    /// Where the work is wanted, as typed on one line.
    let serviceAddress: String
    /// The services the requester ticked; empty when none.
    let servicesWanted: [String]
    /// What the requester wrote about the work.
    let description: String
    /// The day the requester would like the work done, `YYYY-MM-DD`; `nil` when none was given.
    let preferredDate: CalendarDate?
    /// Tags the lead router or staff gave the lead; empty when none.
    let tags: [String]
    /// When the request was made, an instant, ISO 8601 in UTC.
    let submittedAt: Date

    /// The API's view of `lead`, with the stage and customer of its `job` (`nil` when the job is missing).
    init(_ lead: Lead, job: Job?) {
        (id, jobId, customerId, stage) = (lead.id.rawValue, lead.jobID.rawValue, job?.customerID?.rawValue, job?.stage)
        (portalLead, name, email, phone) = (lead.portalLead, lead.name, lead.email, lead.phone)
        (serviceAddress, servicesWanted, description) = (lead.serviceAddress, lead.servicesWanted, lead.description)
        (preferredDate, tags, submittedAt) = (lead.preferredDate, lead.tags, lead.submittedAt)
    }
}

/// `LeadChange`: attach the lead's job to a customer, existing or new (not both: 422), and change the job.
struct APILeadChange: Decodable, Sendable {
    /// Attach the lead's job to this existing customer.
    let customerId: String?
    /// Or create a customer from these details and attach it.
    let newCustomer: APINewCustomer?
    /// Changes to the lead's job, made after the customer is attached; `nil` (absent or `null`) changes nothing.
    let job: APIJobChange?
}
