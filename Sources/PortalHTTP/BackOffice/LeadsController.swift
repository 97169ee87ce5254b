import Foundation
import Hummingbird
import PortalKernel

/// `/admin/leads` (SPEC F7): the leads list with its "Portal Lead" column and filters, and the lead page where
/// staff attach or create the customer and fill in the job.
struct LeadsController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the list and lead pages and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Lists and finds leads, attaches a lead's job to a customer or creates one, and saves the job (SPEC F7).
    let leadConversion: LeadConversion
    /// The lead's photos (SPEC F17).
    let attachedFiles: AttachedFiles

    struct LeadsPage {
        struct Row {
            let url: String
            let submitted: String
            let name: String
            let services: String
            let status: String
            let assignee: String
            let tags: [String]
            let portalLead: Bool
        }
        let chrome: AdminChrome
        let sources: [NavLink]
        let statuses: [NavLink]
        let leads: [Row]
        let hasLeads: Bool
    }

    func register(on admin: RouteCollection<Context>) {
        admin.get("leads", use: list)
        admin.get("leads/:id", use: show)
        admin.post("leads/:id/attach", use: attach)
        admin.post("leads/:id/customer", use: createCustomer)
        admin.post("leads/:id/job", use: updateJob)
    }

    /// `GET /admin/leads?source=portal|other&status=lead|…`: newest first.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        let account = staff.account
        let source = request.uri.queryParameters.get("source").map { String($0) } ?? "all"
        let status = request.uri.queryParameters.get("status").map { String($0) } ?? "all"
        let listings = try await leadConversion.listings(in: account.id)
        let format = Formatting(account: account)
        let rows = listings.filter { listing in
            (source == "all" || (source == "portal") == listing.lead.portalLead)
                && (status == "all" || listing.job?.stage.rawValue == status)
        }.map { listing in
            let lead = listing.lead
            return LeadsPage.Row(
                url: "/admin/leads/\(lead.id)", submitted: format.instant(lead.submittedAt), name: lead.name,
                services: lead.servicesWanted.isEmpty ? "—" : lead.servicesWanted.joined(separator: ", "),
                status: listing.job?.stage.rawValue.capitalized ?? "—",
                assignee: listing.assigneeName ?? "—", tags: lead.tags, portalLead: lead.portalLead)
        }
        func link(source: String, status: String) -> String { "/admin/leads?source=\(source)&status=\(status)" }
        let page = LeadsPage(
            chrome: visit.chrome("Leads", section: "leads"),
            sources: [("all", "All sources"), ("portal", "Portal"), ("other", "Other")].map {
                .init(url: link(source: $0.0, status: status), label: $0.1, current: $0.0 == source)
            },
            statuses: (["all"] + Job.Stage.allCases.map(\.rawValue)).map {
                .init(url: link(source: source, status: $0), label: $0 == "all" ? "Any status" : $0.capitalized, current: $0 == status)
            },
            leads: rows, hasLeads: !rows.isEmpty)
        return visit.page("admin-leads", page)
    }

    /// `GET /admin/leads/{id}`.
    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await leadConversion.lead($0, in: $1) }) { visit, staff, lead in
            try await LeadPage.render(
                lead, visit: visit, staff: staff, leadConversion: leadConversion, attachedFiles: attachedFiles,
                query: request.uri.queryParameters.get("q").map { String($0) } ?? "",
                notice: (["saved": "Saved."].merging(AdminFilesCard.notices) { first, _ in first })[
                    request.uri.queryParameters.get("done").map { String($0) } ?? ""])
        }
    }

    struct AttachForm: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The id of the customer to attach the lead's job to; `nil` or unknown answers 404.
        var customer: String?
    }

    /// `POST /admin/leads/{id}/attach`: "Edit Customer Details", an existing customer.
    @Sendable func attach(_ request: Request, context: Context) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await leadConversion.lead($0, in: $1) }) { visit, staff, lead in
            let form = try await visit.form(AttachForm.self, context: context)
            guard let id = form.customer,
                try await leadConversion.attach(lead, to: Customer.ID(rawValue: id), in: staff.account.id, by: .staff(staff.user.id))
            else { return visit.notFound() }
            return visit.redirect(to: "/admin/leads/\(lead.id)?done=saved")
        }
    }

    struct NewCustomerForm: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The customer's name as typed.
        var name: String?
        /// The customer's one email as typed.
        var email: String?
        /// The customer's phone as typed; empty for none.
        var phone: String?
        /// The street line of the customer's billing and service address.
        var line1: String?
        /// The address's city.
        var city: String?
        /// The address's state or region.
        var region: String?
        /// The address's postal code.
        var postalCode: String?

        var value: LeadConversion.NewCustomer {
            LeadConversion.NewCustomer(
                name: name ?? "", email: email ?? "", phone: phone ?? "", line1: line1 ?? "", city: city ?? "",
                region: region ?? "", postalCode: postalCode ?? "")
        }
    }

    /// `POST /admin/leads/{id}/customer`: "Add New Customer" from what the client typed.
    @Sendable func createCustomer(_ request: Request, context: Context) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await leadConversion.lead($0, in: $1) }) { visit, staff, lead in
            let form = try await visit.form(NewCustomerForm.self, context: context).value
            do {
                _ = try await leadConversion.createCustomer(form, for: lead, in: staff.account.id, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/leads/\(lead.id)?done=saved")
            } catch let refusal as UseCaseError {
                return try await LeadPage.render(
                    lead, visit: visit, staff: staff, leadConversion: leadConversion, attachedFiles: attachedFiles,
                    errors: FormErrors(refusal, fields: LeadConversion.NewCustomer.Field.self) {
                        "new" + $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst()
                    },
                    newCustomer: form, status: refusal.status)
            }
        }
    }

    struct JobForm: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The job's title as typed.
        var title: String?
        /// The work date, `YYYY-MM-DD` from a date field, or empty for none.
        var workDate: String?
        /// A `Job.Stage` raw value; anything else answers 422 "Choose a stage.".
        var stage: String?
    }

    /// `POST /admin/leads/{id}/job`: "Update & Close" saves the job and goes back to the list.
    @Sendable func updateJob(_ request: Request, context: Context) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await leadConversion.lead($0, in: $1) }) { visit, staff, lead in
            let form = try await visit.form(JobForm.self, context: context)
            guard let stage = Job.Stage(rawValue: form.stage ?? "") else {
                return try await LeadPage.render(lead, visit: visit, staff: staff, leadConversion: leadConversion, attachedFiles: attachedFiles, errors: FormErrors("Choose a stage.", field: "stage"), status: .unprocessableContent)
            }
            let details = LeadConversion.JobDetails(title: form.title ?? "", workDate: form.workDate ?? "", stage: stage)
            do {
                try await leadConversion.update(details, for: lead, in: staff.account.id, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/leads")
            } catch let refusal as UseCaseError {
                return try await LeadPage.render(
                    lead, visit: visit, staff: staff, leadConversion: leadConversion, attachedFiles: attachedFiles, errors: FormErrors(refusal, fields: LeadConversion.JobDetails.Field.self),
                    typedJob: details, status: refusal.status)
            }
        }
    }
}
