import Foundation
import Hummingbird
import PortalKernel

/// The back office's visits (#23): the day's route (`/admin/visits?date=`), a visit's page with its client's
/// request and the forms to change, complete or cancel it, and a customer's visits with the form that schedules a
/// visit or a series (``VisitsController+Customer``). Another account's visit or customer is the 404 page.
struct VisitsController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the pages and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Reads, schedules, changes, completes and cancels visits.
    let visitPlanning: VisitPlanning
    /// Finds the customer of a customer's visits page, and their jobs for the scheduling form.
    let customerManagement: CustomerManagement
    /// The files card of a visit's page (SPEC F17).
    let attachedFiles: AttachedFiles

    static let notices = [
        "changed": "The visit is saved.", "completed": "The visit is marked completed.", "cancelled": "The visit is cancelled.",
        "scheduled": "The visits are scheduled.",
    ].merging(AdminFilesCard.notices) { first, _ in first }

    func register(on admin: RouteCollection<Context>) {
        admin.get("visits") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let today = staff.account.today(at: front.clock.now)
            let asked = request.uri.queryParameters.get("date").map { String($0) }
            let day = asked.flatMap(CalendarDate.init(iso:)) ?? today
            return try await dayPage(visit, staff: staff, day: day, today: today, refused: asked != nil && asked.flatMap(CalendarDate.init(iso:)) == nil)
        }
        admin.get("visits/:id") { request, context in
            try await withVisit(request, context) { visit, staff, record in
                try await visitPage(visit, staff: staff, record: record, notice: Self.notices[request.uri.queryParameters.get("done").map { String($0) } ?? ""])
            }
        }
        admin.post("visits/:id") { request, context in
            try await withVisit(request, context) { visit, staff, record in
                let form = try await visit.form(VisitForm.self, context: context)
                return try await answer(visit, staff: staff, record: record, form: form, done: "changed") {
                    try await visitPlanning.change(record.id, try form.change(), tellClient: form.tellClient == "yes", in: staff.account, by: .staff(staff.user.id))
                }
            }
        }
        admin.post("visits/:id/complete") { request, context in
            try await withVisit(request, context) { visit, staff, record in
                _ = try await visit.form(VisitForm.self, context: context)
                return try await answer(visit, staff: staff, record: record, form: VisitForm(record), done: "completed") {
                    try await visitPlanning.complete(record.id, in: staff.account, by: .staff(staff.user.id))
                }
            }
        }
        admin.post("visits/:id/cancel") { request, context in
            try await withVisit(request, context) { visit, staff, record in
                let form = try await visit.form(VisitForm.self, context: context)
                return try await answer(visit, staff: staff, record: record, form: VisitForm(record), done: "cancelled") {
                    try await visitPlanning.cancel(record.id, tellClient: form.tellClient == "yes", in: staff.account, by: .staff(staff.user.id))
                }
            }
        }
        registerCustomerVisits(on: admin)
    }

    /// Runs `body` with the account's visit that `:id` names, or answers the 404 page.
    private func withVisit(
        _ request: Request, _ context: Context, _ body: (AdminVisit, StaffSessions.Staff, Visit) async throws -> Response
    ) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await visitPlanning.visit($0, in: $1) }, body)
    }

    /// Runs `change` and goes back to the visit's page with `done`'s notice; a refusal shows the page again with the
    /// message beside its field or on top, and what was typed.
    private func answer(
        _ visit: AdminVisit, staff: StaffSessions.Staff, record: Visit, form: VisitForm, done: String, _ change: () async throws -> Visit
    ) async throws -> Response {
        do {
            _ = try await change()
            return visit.redirect(to: "/admin/visits/\(record.id)?done=\(done)")
        } catch {
            return try await Self.showingRefusal(error) { errors, status in
                try await visitPage(visit, staff: staff, record: record, form: form, errors: errors, status: status)
            }
        }
    }

    /// The page `render` draws again with the messages of a form that cannot be read (422) or of a use case's
    /// refusal (its status); any other error is thrown on.
    static func showingRefusal(
        _ error: any Error, _ render: (FormErrors, HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        switch error {
        case let problems as VisitForm.Problems: return try await render(FormErrors(problems.fields), .unprocessableContent)
        case let refusal as UseCaseError: return try await render(FormErrors(refusal, fields: VisitForm.Field.self), refusal.status)
        default: throw error
        }
    }

    // MARK: The day's route

    private func dayPage(_ visit: AdminVisit, staff: StaffSessions.Staff, day: CalendarDate, today: CalendarDate, refused: Bool) async throws -> Response {
        let format = Formatting(account: staff.account)
        let listings = try await visitPlanning.visits(from: day, through: day, in: staff.account.id)
        let model: [String: Any] = [
            "chrome": visit.chrome("Visits", section: "visits"), "heading": "Visits on \(format.date(day))", "date": day.description,
            "errors": refused ? FormErrors("Enter a date such as \(today).", field: "date") : FormErrors(),
            "previousURL": "/admin/visits?date=\(day.adding(days: -1))", "nextURL": "/admin/visits?date=\(day.adding(days: 1))",
            "todayURL": (day == today ? nil : "/admin/visits") as Any,
            "rows": listings.map { row($0, format: format, showDate: false) }, "hasRows": !listings.isEmpty,
        ]
        return visit.page("admin-visits", model, status: refused ? .badRequest : .ok)
    }

    /// A visit as a row of the day's route or of a customer's visits.
    func row(_ listing: VisitPlanning.Listing, format: Formatting, showDate: Bool) -> [String: String] {
        let visit = listing.visit
        return [
            "url": "/admin/visits/\(visit.id)", "date": showDate ? format.date(visit.date) : "",
            "window": visit.window.map(format.window) ?? "Any time", "customer": listing.customer?.displayName ?? "Unknown customer",
            "customerURL": "/admin/customers/\(visit.customerID)", "job": listing.job?.title ?? "Unknown job",
            "address": listing.job?.serviceAddress?.description ?? listing.customer?.serviceAddresses.first?.description ?? "—", "crew": visit.crew ?? "Not assigned",
            "status": VisitWords.status(visit.status), "statusClass": VisitWords.statusClass(visit.status),
        ]
    }

    // MARK: A visit's page

    private func visitPage(
        _ visit: AdminVisit, staff: StaffSessions.Staff, record: Visit, form: VisitForm? = nil, notice: String? = nil,
        errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let today = account.today(at: front.clock.now)
        let listing = try await visitPlanning.listing(of: record, in: account.id)
        let customer = listing.customer
        var series: VisitSeries?
        if let id = record.seriesID { series = try await visitPlanning.series(id, in: account.id) }
        var form = form ?? VisitForm(record)
        // Answering a request: the client's first preferred date is ready to save.
        if form.date == record.date.description, let first = record.rescheduleRequest?.preferredDates.first, status == .ok { form.date = first.description }
        let timeline = Timeline(try await visitPlanning.history(of: record.id, in: account.id), format: format)
        let base = "/admin/visits/\(record.id)"
        let filesCard = try await AdminFilesCard.make(
            owner: .visit(record.id), back: base, hasCustomer: true, staff: staff, attachedFiles: attachedFiles)
        let model: [String: Any] = [
            "filesCard": filesCard,
            "chrome": visit.chrome("Visit on \(format.date(record.date))", section: "visits"), "heading": "Visit on \(format.date(record.date))",
            "notice": notice as Any, "errors": errors,
            "customer": customer?.displayName ?? "Unknown customer", "customerURL": "/admin/customers/\(record.customerID)",
            "customerVisitsURL": "/admin/customers/\(record.customerID)/visits", "dayURL": "/admin/visits?date=\(record.date)",
            "job": listing.job?.title ?? "Unknown job", "address": listing.job?.serviceAddress?.description ?? customer?.serviceAddresses.first?.description ?? "—",
            "date": format.date(record.date), "window": record.window.map(format.window) ?? "Any time",
            "crew": record.crew ?? "Not assigned", "clientNote": record.clientNote ?? "None",
            "status": VisitWords.status(record.status), "statusClass": VisitWords.statusClass(record.status),
            "completedAt": record.completedAt.map(format.instant) as Any,
            "series": series.map { series in
                [
                    "cadence": VisitWords.cadence(series.cadence),
                    "pause": series.pause.map { "Paused by the client from \(format.date($0.from)) to \(format.date($0.to))." } as Any,
                ] as [String: Any]
            } as Any,
            "request": record.rescheduleRequest.map { request in
                [
                    "dates": request.preferredDates.map(format.date).joined(separator: "; "), "note": request.note ?? "No note.",
                    "askedAt": format.instant(request.requestedAt),
                ]
            } as Any,
            "deliveries": timeline.deliveries, "activity": timeline.activity, "statusWord": VisitWords.status(record.status).lowercased(),
            "editable": !record.isFinal, "changeURL": base, "form": form.fields, "tellClient": form.tellClient == "yes",
            "completeURL": (record.status.isPlanned && record.date <= today ? "\(base)/complete" : nil) as Any,
            "cancelURL": (record.isFinal ? nil : "\(base)/cancel") as Any,
        ]
        return visit.page("admin-visit", model, status: status)
    }
}

extension VisitForm {
    /// The typed values the pages show, each a string.
    var fields: [String: String] {
        [
            "jobId": jobId ?? "", "date": date ?? "", "windowStart": windowStart ?? "", "windowEnd": windowEnd ?? "", "crew": crew ?? "",
            "clientNote": clientNote ?? "", "count": count ?? "", "until": until ?? "", "formKey": formKey ?? "",
        ]
    }
}
