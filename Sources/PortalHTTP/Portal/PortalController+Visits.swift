import Foundation
import Hummingbird
import PortalKernel

/// The client's visits (SPEC V1–V3): the list, a visit's page with the changes still open to it, and their forms.
/// Every form works without JavaScript, keeps what was typed when it is refused, and after the cut-off is gone from
/// the page and refused with the reason when posted anyway.
extension PortalController {
    /// One visit in a list.
    struct VisitRow {
        let url: String
        let date: String
        let window: String
        let status: String
        let statusClass: String
    }

    struct VisitsPage {
        let chrome: PageChrome
        let upcoming: [VisitRow]
        let recent: [VisitRow]
        /// Where the form that makes a new calendar link posts.
        let calendarFormURL: String
        /// The feed's new address, shown once, right after it was made (only its hash is kept).
        let calendarURL: String?
        let webcalURL: String?
        let backURL: String
    }

    /// What the visit page's forms hold: as typed, when one is shown again.
    struct VisitForm: PortalForm {
        var csrf: String?
        var dates: [String]?
        var note: String?
        var from: String?
        var to: String?
    }

    struct VisitPage {
        struct Series {
            let cadence: String
            let pause: String?
            let resumeURL: String?
        }
        struct Reschedule {
            let url: String
            let dates: [String]
            let note: String
            let minimum: String
        }
        struct Pause {
            let url: String
            let from: String
            let to: String
            let minimum: String
            let maxDays: Int
        }
        let chrome: PageChrome
        let heading: String
        let notice: String?
        let errors: FormErrors
        let date: String
        let window: String
        let status: String
        let statusClass: String
        let crew: String?
        let clientNote: String?
        let requestedDates: String?
        let requestedNote: String?
        let series: Series?
        /// Until when the client can still change the visit, or why they no longer can.
        let changeNote: String?
        let confirmURL: String?
        let skipURL: String?
        let reschedule: Reschedule?
        let pause: Pause?
        /// "Add to calendar": the visit as one event.
        let eventURL: String
        let backURL: String
        /// Files staff shared on the visit or its job (SPEC F17).
        let files: [SharedFile]
    }

    /// Confirmations shown on a visit's page after a redirect, by a fixed key (never text from the URL).
    static let visitNotices = [
        "confirmed": "Thank you: the visit is confirmed.",
        "rescheduled": "Thank you: we have your dates and will be in touch to set a new one.",
        "skipped": "This visit is skipped. The others stay as they are.",
        "paused": "Your visits are paused. We have let the office know.",
        "resumed": "Your visits are back on.",
    ]

    func registerVisits(on routes: some RouterMethods<Context>) {
        routes.get("visits") { request, context in try await visitsPage(request, context, calendarToken: nil) }
        routes.post("visits/calendar-link", use: newCalendarLink)
        routes.get("visits/:id", use: visitPage)
        routes.get("visits/:id/event.ics", use: visitEvent)
        routes.post("visits/:id/confirm") { request, context in
            try await changeVisit(request, context, done: "confirmed") { id, visit, client, _ in
                try await visits.confirm(id, account: visit.account, by: client)
            }
        }
        routes.post("visits/:id/reschedule") { request, context in
            try await changeVisit(request, context, done: "rescheduled") { id, visit, client, form in
                try await visits.requestReschedule(id, dates: form.dates ?? [], note: form.note ?? "", account: visit.account, by: client)
            }
        }
        routes.post("visits/:id/skip") { request, context in
            try await changeVisit(request, context, done: "skipped") { id, visit, client, _ in
                try await visits.skip(id, account: visit.account, by: client)
            }
        }
        routes.post("visits/:id/pause") { request, context in
            try await changeVisit(request, context, done: "paused") { id, visit, client, form in
                try await visits.pause(id, from: form.from ?? "", to: form.to ?? "", account: visit.account, by: client)
            }
        }
        routes.post("visits/:id/resume") { request, context in
            try await changeVisit(request, context, done: "resumed") { id, visit, client, _ in
                try await visits.resume(id, account: visit.account, by: client)
            }
        }
    }

    /// `GET /visits`: the visits to come, soonest first, and those done lately (V1), and the calendar feed (V4):
    /// its address once, right after `POST /visits/calendar-link` made it.
    func visitsPage(_ request: Request, _ context: Context, calendarToken: SecretToken?) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let view = try await portal.view(of: client.customer.id, account: visit.account)
        let feedURL = calendarToken.map(front.links.calendarFeed(token:))
        let page = VisitsPage(
            chrome: visit.chrome("Your visits"), upcoming: view.upcomingVisits.map { visitRow($0, visit) },
            recent: view.recentVisits.map { visitRow($0, visit) }, calendarFormURL: visit.path("/visits/calendar-link"),
            calendarURL: feedURL, webcalURL: feedURL.map(Self.webcal), backURL: visit.path())
        return visit.page("visits", page)
    }

    /// `POST /visits/calendar-link`: a new feed address (the old one stops working), shown once on the visits page.
    @Sendable func newCalendarLink(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        _ = try await visit.form(VisitForm.self, context: context)
        let token = try await calendarFeeds.renew(for: client.customer.id, account: visit.account)
        return try await visitsPage(request, context, calendarToken: token)
    }

    /// `GET /visits/{id}/event.ics`: the one visit as a calendar event ("Add to calendar").
    @Sendable func visitEvent(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        guard let feed = try await calendarFeeds.event(try visitID(context), of: client.customer, account: visit.account),
            let shown = feed.visits.first
        else { return visit.notFound() }
        let text = ICalendar.document(
            name: "\(visit.account.branding.displayName) visit", events: [ICalendar.event(of: shown, in: feed, links: front.links)],
            stamp: front.clock.now)
        return CalendarController.calendar(text, filename: "visit-\(shown.date).ics")
    }

    /// The feed's address for a calendar app: `webcal://` in place of `http(s)://`.
    static func webcal(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        return "webcal" + url[scheme.lowerBound...]
    }

    /// `GET /visits/{id}`: the visit, and the changes still open to it.
    @Sendable func visitPage(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        guard let (shown, series) = try await portal.visit(visitID(context), of: client.customer.id, account: visit.account) else {
            return visit.notFound()
        }
        let notice = request.uri.queryParameters.get("done").flatMap { Self.visitNotices[String($0)] }
        return try await visitPage(visit, shown, series: series, notice: notice, form: VisitForm(), errors: FormErrors())
    }

    /// A POST of one of the visit's forms: back to its page with a notice, or the page again with what is wrong and
    /// what was typed (422 for a form to correct, 409 for a change the rules refuse now).
    private func changeVisit(
        _ request: Request, _ context: Context, done: String,
        _ change: (Visit.ID, PortalVisit, ClientVisits.Client, VisitForm) async throws -> ClientVisits.Outcome
    ) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let form = try await visit.form(VisitForm.self, context: context)
        let id = try visitID(context)
        let asking = ClientVisits.Client(customer: client.customer, email: client.email, origin: visit.origin)
        let outcome = try await change(id, visit, asking, form)
        let errors: FormErrors
        let status: HTTPResponse.Status
        switch outcome {
        case .done:
            return visit.redirect(to: visit.path("/visits/\(id)?done=\(done)"))
        case .notFound:
            return visit.notFound()
        case .refused(let reason):
            (errors, status) = (FormErrors(reason, heading: "Nothing was changed"), .conflict)
        case .invalid(let problems):
            var fields = FormErrors(heading: "Nothing was changed: please correct these fields")
            for field in ["dates", "note", "from", "to"] { if let message = problems[field] { fields.add(message, field: field) } }
            (errors, status) = (fields, .unprocessableContent)
        }
        guard let (shown, series) = try await portal.visit(id, of: client.customer.id, account: visit.account) else {
            return visit.notFound()
        }
        return try await visitPage(visit, shown, series: series, notice: nil, form: form, errors: errors, status: status)
    }

    private func visitID(_ context: Context) throws -> Visit.ID {
        Visit.ID(rawValue: try context.parameters.require("id"))
    }

    private func visitPage(
        _ visit: PortalVisit, _ shown: Visit, series: VisitSeries?, notice: String?, form: VisitForm, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = visit.account
        let files = try await sharedFiles(of: [.visit(shown.id), .job(shown.jobID)], visit: visit, client: try visit.requireClient())
        let format = visit.format
        let now = front.clock.now
        let settings = account.settings.visits
        let allowed = Set(VisitChangeRule.allowed(for: shown, at: now, settings: settings, timeZone: account.timeZone))
        let base = visit.path("/visits/\(shown.id)")
        let firstOpenDay = account.today(at: now).adding(days: 1).description
        let changeNote: String?
        if !allowed.isEmpty {
            let closes = VisitChangeRule.cutoff(of: shown, settings: settings, timeZone: account.timeZone)
            changeNote = "You can change this visit here until \(format.instant(closes))."
        } else if shown.status.isPlanned,
            case .pastCutoff(let closedAt, let hours)? = VisitChangeRule.refusal(.reschedule, of: shown, at: now, settings: settings, timeZone: account.timeZone)
        {
            changeNote = "Changes closed on \(format.instant(closedAt)), \(hours) hours before the visit. Please call or email us to change it."
        } else {
            changeNote = nil
        }
        // A pause whose last day has passed is over: not shown, and no stand in the way of a new one.
        let pause = series?.pause.flatMap { $0.to >= account.today(at: now) ? $0 : nil }
        let typedDates = (form.dates ?? []) + Array(repeating: "", count: max(0, ClientVisits.mostPreferredDates - (form.dates ?? []).count))
        let page = VisitPage(
            chrome: visit.chrome("Visit on \(format.date(shown.date))"), heading: "Visit on \(format.date(shown.date))", notice: notice,
            errors: errors, date: format.date(shown.date), window: shown.window.map(format.window) ?? "Any time that day",
            status: VisitWords.status(shown.status), statusClass: VisitWords.statusClass(shown.status), crew: shown.crew, clientNote: shown.clientNote,
            requestedDates: shown.status == .rescheduleRequested ? shown.rescheduleRequest.map { $0.preferredDates.map(format.date).joined(separator: ", ") } : nil,
            requestedNote: shown.status == .rescheduleRequested ? shown.rescheduleRequest?.note : nil,
            series: series.map { series in
                .init(
                    cadence: VisitWords.cadence(series.cadence),
                    pause: pause.map { "Paused from \(format.date($0.from)) to \(format.date($0.to))." },
                    resumeURL: pause == nil ? nil : "\(base)/resume")
            },
            changeNote: changeNote,
            confirmURL: allowed.contains(.confirm) ? "\(base)/confirm" : nil,
            skipURL: allowed.contains(.skip) ? "\(base)/skip" : nil,
            reschedule: allowed.contains(.reschedule)
                ? .init(url: "\(base)/reschedule", dates: typedDates, note: form.note ?? "", minimum: firstOpenDay)
                : nil,
            pause: allowed.contains(.pause) && pause == nil
                ? .init(url: "\(base)/pause", from: form.from ?? shown.date.description, to: form.to ?? "", minimum: account.today(at: now).description, maxDays: settings.maxPauseDays)
                : nil,
            eventURL: "\(base)/event.ics", backURL: visit.path("/visits"), files: files)
        return visit.page("visit", page, status: status)
    }

    func visitRow(_ shown: Visit, _ visit: PortalVisit) -> VisitRow {
        let format = visit.format
        return VisitRow(
            url: visit.path("/visits/\(shown.id)"), date: format.date(shown.date), window: shown.window.map(format.window) ?? "Any time",
            status: VisitWords.status(shown.status), statusClass: VisitWords.statusClass(shown.status))
    }
}
