import Foundation
import Hummingbird
import PortalKernel

/// `/admin/customers/{id}/visits`: every visit of the customer, by date, and the form that schedules a one-off visit
/// or a series for one of their jobs.
extension VisitsController {
    /// How many days back the customer's visits page starts: the last year's work, and everything ahead.
    static let customerHistoryDays = 366

    static let repeatChoices: [(String, String)] = [
        ("once", "Once"), (VisitSeries.Cadence.weekly.rawValue, "Every week"), (VisitSeries.Cadence.everyTwoWeeks.rawValue, "Every two weeks"),
        (VisitSeries.Cadence.everyFourWeeks.rawValue, "Every four weeks"), (VisitSeries.Cadence.monthly.rawValue, "Every month on that day"),
    ]

    func registerCustomerVisits(on admin: RouteCollection<Context>) {
        admin.get("customers/:id/visits") { request, context in
            try await withCustomer(request, context) { visit, staff, customer in
                try await customerPage(
                    visit, staff: staff, customer: customer, form: VisitForm(), notice: Self.notices[request.uri.queryParameters.get("done").map { String($0) } ?? ""])
            }
        }
        admin.post("customers/:id/visits") { request, context in
            try await withCustomer(request, context) { visit, staff, customer in
                let form = try await visit.form(VisitForm.self, context: context)
                do {
                    var plan = try form.plan()
                    plan.customerID = customer.id
                    if let (cadence, end) = try form.series() {
                        _ = try await visitPlanning.scheduleSeries(plan, cadence: cadence, end: end, in: staff.account, by: .staff(staff.user.id))
                    } else {
                        _ = try await visitPlanning.schedule(plan, in: staff.account, by: .staff(staff.user.id))
                    }
                    return visit.redirect(to: "/admin/customers/\(customer.id)/visits?done=scheduled")
                } catch {
                    return try await Self.showingRefusal(error) { errors, status in
                        try await customerPage(visit, staff: staff, customer: customer, form: form, errors: errors, status: status)
                    }
                }
            }
        }
    }

    private func withCustomer(
        _ request: Request, _ context: Context, _ body: (AdminVisit, StaffSessions.Staff, Customer) async throws -> Response
    ) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }, body)
    }

    private func customerPage(
        _ visit: AdminVisit, staff: StaffSessions.Staff, customer: Customer, form: VisitForm, notice: String? = nil,
        errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let today = account.today(at: front.clock.now)
        let listings = try await visitPlanning.visits(of: customer.id, from: today.adding(days: -Self.customerHistoryDays), in: account.id)
        // A visit needs work to do: lost and closed jobs are not offered.
        let jobs = try await customerManagement.file(customer, in: account.id).jobs.filter { $0.stage != .lost && $0.stage != .closed }
        let repeats = form.repeats ?? "once"
        let model: [String: Any] = [
            "chrome": visit.chrome("Visits of \(customer.displayName)", section: "customers"), "name": customer.displayName,
            "customerURL": "/admin/customers/\(customer.id)", "notice": notice as Any, "errors": errors,
            "upcoming": listings.filter { $0.visit.date >= today }.map { row($0, format: format, showDate: true) },
            "past": listings.filter { $0.visit.date < today }.reversed().map { row($0, format: format, showDate: true) },
            "jobs": jobs.map { ["id": $0.id.rawValue, "title": "\($0.title) (\($0.stage.rawValue))", "selected": $0.id.rawValue == form.jobId] as [String: Any] },
            "hasJobs": !jobs.isEmpty, "scheduleURL": "/admin/customers/\(customer.id)/visits", "form": form.fields,
            "repeats": Self.repeatChoices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == repeats] as [String: Any] },
            "endsUntil": form.ends == "until",
        ]
        return visit.page("admin-customer-visits", model, status: status)
    }
}
