import Foundation
import Hummingbird
import PortalKernel

/// The lead page's data: what the client typed, the customer, suggestions, the job, emails and activity.
struct LeadPage {
    struct CustomerRow {
        let id: String
        let name: String
        let reason: String
        let attachURL: String
    }
    struct JobFields {
        struct Stage {
            let value: String
            let label: String
            let selected: Bool
        }
        let title: String
        let workDate: String
        let stages: [Stage]
    }
    struct Delivery {
        let subject: String
        let to: String
        let status: String
        let statusClass: String
        let detail: String?
    }
    struct Activity {
        let when: String
        let what: String
        let who: String
    }

    let chrome: AdminChrome
    let name: String
    let portalLead: Bool
    let notice: String?
    /// What is wrong with the posted form, beside its fields (issue #18): the new-customer fields are `new…`.
    let errors: FormErrors
    let submitted: String
    let email: String
    let phone: String
    let serviceAddress: String
    let services: String
    let preferredDate: String
    let assignee: String
    let tags: [String]
    let description: String
    /// The files of the lead and its job, and the form attaching one to the job (SPEC F17).
    let filesCard: AdminFilesCard
    let customer: [String: String]?
    let hasSuggestions: Bool
    let suggestions: [CustomerRow]
    let pageURL: String
    let query: String
    let results: [CustomerRow]
    let createURL: String
    let newCustomer: LeadConversion.NewCustomer
    let updateURL: String
    let job: JobFields
    let deliveries: [Delivery]
    let activity: [Activity]

    /// Who did what an event records, as the timelines word it: the client's email and address, or the staff user or
    /// API token (#20), then `details`.
    static func who(_ event: AuditEvent, details: [String?] = []) -> String {
        let actor: String? =
            switch event.actor {
            case .staff(let id): "staff \(id)"
            case .apiToken(let id): "API token \(id)"
            case nil: nil
            }
        return ([actor, event.actorEmail, event.ipAddress] + details).compactMap { $0 }.joined(separator: " · ")
    }

    static func render(
        _ lead: Lead, visit: AdminVisit, staff: StaffSessions.Staff, leadConversion: LeadConversion, attachedFiles: AttachedFiles, query: String = "", notice: String? = nil,
        errors: FormErrors = FormErrors(), newCustomer: LeadConversion.NewCustomer? = nil, typedJob: LeadConversion.JobDetails? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let file = try await leadConversion.file(lead, in: account.id)
        let (job, customer, assignee) = (file.job, file.customer, file.assignee)
        let attachURL = "/admin/leads/\(lead.id)/attach"
        let details = typedJob ?? LeadConversion.JobDetails(
            title: job?.title ?? "", workDate: job?.workDate?.description ?? "", stage: job?.stage ?? .lead)
        let suggestions = try await leadConversion.suggestions(for: lead, in: account.id).map {
            CustomerRow(id: $0.customer.id.rawValue, name: $0.customer.displayName, reason: $0.reason, attachURL: attachURL)
        }
        let page = LeadPage(
            chrome: visit.chrome(lead.name, section: "leads"), name: lead.name, portalLead: lead.portalLead, notice: notice,
            errors: errors, submitted: format.instant(lead.submittedAt), email: lead.email, phone: lead.phone ?? "not given",
            serviceAddress: lead.serviceAddress,
            services: lead.servicesWanted.isEmpty ? "see the description" : lead.servicesWanted.joined(separator: ", "),
            preferredDate: lead.preferredDate.map(format.date) ?? "any", assignee: assignee?.name ?? "nobody",
            tags: lead.tags, description: lead.description,
            filesCard: try await AdminFilesCard.make(
                owner: .job(lead.jobID), listing: [.lead(lead.id), .job(lead.jobID)], back: "/admin/leads/\(lead.id)",
                hasCustomer: job?.customerID != nil, staff: staff, attachedFiles: attachedFiles),
            customer: customer.map { ["name": $0.displayName, "emails": $0.emails.joined(separator: ", ")] },
            hasSuggestions: !suggestions.isEmpty, suggestions: suggestions,
            pageURL: "/admin/leads/\(lead.id)", query: query,
            results: try await leadConversion.search(query, in: account.id).map {
                CustomerRow(id: $0.id.rawValue, name: $0.displayName, reason: $0.emails.joined(separator: ", "), attachURL: attachURL)
            },
            createURL: "/admin/leads/\(lead.id)/customer", newCustomer: newCustomer ?? LeadConversion.NewCustomer(from: lead),
            updateURL: "/admin/leads/\(lead.id)/job",
            job: JobFields(
                title: details.title, workDate: details.workDate,
                stages: Job.Stage.allCases.map { .init(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == details.stage) }),
            deliveries: file.history.emails.map { Self.delivery($0, format: format) },
            activity: file.history.events.map {
                Activity(when: format.instant($0.occurredAt), what: $0.action.rawValue + ($0.detail.map { ": \($0)" } ?? ""), who: Self.who($0))
            })
        return visit.page("admin-lead", page, status: status)
    }

    /// An email's delivery state as staff read it (issue #7): queued, retrying, delivered, or failed with the reply.
    static func delivery(_ message: OutboxMessage, format: Formatting) -> Delivery {
        let detail: String? = switch message.status {
        case .delivered: message.deliveredAt.map { "at \(format.instant($0))" }
        case .retrying: "attempt \(message.attempts), next try \(format.instant(message.nextAttemptAt)): \(message.lastError ?? "")"
        case .failed: message.lastError
        case .queued: nil
        }
        return Delivery(
            subject: message.summary.what, to: message.summary.to,
            status: message.status.rawValue.capitalized, statusClass: message.status == .failed ? "failed" : "", detail: detail)
    }
}
