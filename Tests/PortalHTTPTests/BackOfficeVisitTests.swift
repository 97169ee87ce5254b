import Foundation
import HTTPTypes
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #23 point 6: the back office's visits, walked as staff would: the day's route, a visit's page, answering a
/// reschedule request, completing and cancelling, a customer's visits and scheduling, and the visit settings.
/// The bed's today is November 25, 2026 (Chicago); Cece's weekly visits are on Wednesdays from December 2.
@Suite("Back office: visits")
struct BackOfficeVisitTests {
    static let cecesVisits = "/admin/customers/\(Seed.cece)/visits"

    /// The settings form as the seed's account has it, with `visits` typed into the visit settings.
    static func settings(_ visits: [String: String]) -> [(String, String)] {
        [
            ("openInvoiceWhen", "generated"), ("paidInvoiceRetentionDays", "365"), ("proposalExpiryDays", "30"), ("serviceFeePercent", "0"),
            ("displayName", "Greenleaf"), ("accentColor", "#1b5e20"), ("timeZone", "America/Chicago"), ("currency", "USD"),
        ] + visits.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func visit(_ bed: PortalTestbed, _ id: Visit.ID) async throws -> Visit {
        try #require(try await bed.services.storage.records(Visit.self).find(id, in: Seed.accountA))
    }

    @Test("#23: the day's route lists that day's visits of every customer with window, customer, work and crew; another company's are never in it; a date that is no date is a 400 beside the field")
    func daysRoute() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let home = try await browser.get("/admin/customers")
            #expect(home.body.contains("href=\"/admin/visits\""))
            // Bob's and Dana's visits are on November 30; Cece's first on December 2.
            let monday = try await browser.get("/admin/visits?date=2026-11-30")
            #expect(monday.status == .ok && monday.body.contains("Visits on November 30, 2026"))
            #expect(monday.body.contains("/admin/visits/\(Seed.bobVisit)") && monday.body.contains("8:00 AM – 10:00 AM"))
            #expect(!monday.body.contains("MARK-DANA") && !monday.body.contains(Seed.danaVisit.rawValue))
            let wednesday = try await browser.get("/admin/visits?date=2026-12-02")
            #expect(wednesday.body.contains("/admin/visits/\(Seed.ceceVisit)") && wednesday.body.contains("Crew MARK-CECE"))
            #expect(wednesday.body.contains("href=\"/admin/visits?date=2026-12-01\"") && wednesday.body.contains("href=\"/admin/visits?date=2026-12-03\""))
            #expect(try await browser.get("/admin/visits").body.contains("Visits on November 25, 2026"))
            let wrong = try await browser.get("/admin/visits?date=2026-13-40")
            #expect(wrong.status == .badRequest && wrong.body.contains("Enter a date such as 2026-11-25") && wrong.body.contains("aria-invalid=\"true\""))
            // Another company's visit is the back office's 404.
            let theirs = try await browser.get("/admin/visits/\(Seed.danaVisit)")
            #expect(theirs.status == .notFound && !theirs.body.contains("MARK-DANA"))
        }
        await bed.remove()
    }

    @Test("#23 V2: staff answer a client's reschedule request: the page shows the dates asked for with the first ready to save; saving moves the visit, plans it again and emails the client the new date")
    func answersRequest() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let path = "/portal/\(Seed.keyA)/visits/\(Seed.ceceVisit)"
            _ = try await cece.get(path)
            #expect(try await cece.post("\(path)/reschedule", [("dates[]", "2026-12-04"), ("dates[]", "2026-12-05"), ("note", "Friday is best")]).status == .seeOther)

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let page = try await staff.get("/admin/visits/\(Seed.ceceVisit)")
            #expect(page.body.contains("The client asks for another date") && page.body.contains("December 4, 2026; December 5, 2026"))
            #expect(page.body.contains("Friday is best") && page.body.contains("value=\"2026-12-04\""))
            let saved = try await staff.post(
                "/admin/visits/\(Seed.ceceVisit)",
                [("date", "2026-12-04"), ("windowStart", "13:00"), ("windowEnd", "15:00"), ("crew", "Crew 2"), ("clientNote", "Gate code 1234"), ("tellClient", "yes")])
            #expect(saved.status == .seeOther && saved.location == "/admin/visits/\(Seed.ceceVisit)?done=changed")
            let moved = try await visit(bed, Seed.ceceVisit)
            #expect(moved.date == CalendarDate(iso: "2026-12-04") && moved.status == .scheduled && moved.rescheduleRequest == nil)
            #expect(moved.window?.start == LocalTime(hour: 13, minute: 0) && moved.crew == "Crew 2" && moved.sequence == 2)
            let after = try await staff.get(saved.location!)
            #expect(after.body.contains("The visit is saved.") && !after.body.contains("The client asks for another date"))
            // Its timeline: the client's request, then the staff user's change, and the office's email.
            #expect(after.body.contains("visitRescheduleRequested") && after.body.contains("visitChanged: 2026-12-02 to 2026-12-04"))
            try await bed.deliverMail()
            // The subject holds an en dash, so it is an encoded word; the body says the same.
            let email = try #require(try bed.mail.to("cece@example.com").first { $0.decodedBody.contains("moved your visit") })
            #expect(email.decodedBody.contains("Greenleaf Lawn & Tree moved your visit to December 4, 2026, 1:00 PM – 3:00 PM, for "))
            #expect(email.header("Subject")?.hasPrefix("=?utf-8?") == true || email.header("Subject")?.hasPrefix("=?UTF-8?") == true)
            #expect(email.decodedBody.contains("It was planned for December 2, 2026, 8:00 AM – 10:00 AM."))
            #expect(email.decodedBody.contains("\(PortalTestbed.base)/portal/\(Seed.keyA)/visits/\(Seed.ceceVisit)"))
            // The client sees the new time, to confirm again.
            let theirs = try await cece.get(path)
            #expect(theirs.body.contains("December 4, 2026") && theirs.body.contains("1:00 PM – 3:00 PM") && theirs.body.contains("Confirm this visit"))
        }
        await bed.remove()
    }

    @Test("#23: a window that ends before it starts, a lone time, a date that is no date and a crew of 101 characters are refused beside their fields with what was typed kept; nothing changes")
    func changeRefusals() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            let path = "/admin/visits/\(Seed.ceceVisit)"
            var staff = try await Self.staff(on: path, bed: bed, client: client)
            let cases: [([(String, String)], String, String)] = [
                ([("date", "2026-12-03"), ("windowStart", "15:00"), ("windowEnd", "09:00")], "windowEnd", "End the window after it starts."),
                ([("date", "2026-12-03"), ("windowStart", "09:00")], "windowEnd", "Give the window&#39;s end too, or neither time."),
                ([("date", "next week")], "date", "Enter the date, such as 2027-04-12."),
                ([("date", "2026-12-03"), ("crew", String(repeating: "C", count: 101))], "crew", "Keep the crew&#39;s name to 100 characters or fewer."),
                ([("date", "2036-12-03")], "date", "Choose a date from 2025-11-25 to 2036-11-25 (a year ago to ten years ahead)."),
                ([("date", "2026-11-24")], "date", "Choose today or a later day for the visit."),
            ]
            for (fields, field, message) in cases {
                let page = try await staff.post(path, fields + [("clientNote", "Typed <note>")])
                #expect(page.status == .unprocessableContent, "\(fields)")
                #expect(page.body.contains(message), "\(field): \(page.body.count)")
                #expect(page.body.contains("id=\"\(field)\"") && page.body.contains("aria-invalid=\"true\""), "\(field)")
                #expect(page.body.contains("Typed &lt;note&gt;"), "\(field)")
            }
            #expect(try await visit(bed, Seed.ceceVisit).date == CalendarDate(iso: "2026-12-02"))
        }
        await bed.remove()
    }

    @Test("#23: a visit is marked completed on its day, not before (409 with the reason); a cancelled visit leaves the client's portal, emails the client, and cannot be changed again")
    func completesAndCancels() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            _ = try await staff.get("/admin/visits/\(Seed.ceceVisit)")
            let early = try await staff.post("/admin/visits/\(Seed.ceceVisit)/complete")
            #expect(early.status == .conflict && early.body.contains("A visit can be marked completed on its day or after."))
            #expect(!(try await staff.get("/admin/visits/\(Seed.ceceVisit)").body.contains("Mark completed")))

            bed.clock.advance(by: 7 * 86_400)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            #expect(try await staff.get("/admin/visits/\(Seed.ceceVisit)").body.contains("Mark completed"))
            #expect(try await staff.post("/admin/visits/\(Seed.ceceVisit)/complete").status == .seeOther)
            let done = try await visit(bed, Seed.ceceVisit)
            #expect(done.status == .completed && done.completedAt == bed.clock.now)
            let final = try await staff.get("/admin/visits/\(Seed.ceceVisit)")
            #expect(final.body.contains("cannot be changed") && !final.body.contains("Save the visit"))

            let next: Visit.ID = "visit-cece-1"
            #expect(try await staff.post("/admin/visits/\(next)/cancel", [("tellClient", "yes")]).status == .seeOther)
            #expect(try await visit(bed, next).status == .cancelled)
            #expect(try await staff.post("/admin/visits/\(next)/cancel", [("tellClient", "yes")]).status == .conflict)
            try await bed.deliverMail()
            let email = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.contains("cancelled your visit") == true })
            #expect(email.header("Subject")?.contains("cancelled your visit on December 9, 2026") == true)

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            #expect(try await cece.get("/portal/\(Seed.keyA)/visits/\(next)").status == .notFound)
        }
        await bed.remove()
    }

    @Test("#23: a customer's visits page lists their visits and schedules a weekly series of four and a one-off visit; a count of 0 is refused beside its field with what was typed kept")
    func schedules() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let customer = try await staff.get("/admin/customers/\(Seed.cece)")
            #expect(customer.body.contains("Visits to come") && customer.body.contains("/admin/visits/\(Seed.ceceVisit)") && customer.body.contains(Self.cecesVisits))
            let page = try await staff.get(Self.cecesVisits)
            #expect(page.status == .ok && page.body.contains("December 23, 2026") && page.body.contains("Schedule a visit or a series"))
            let job = try #require(page.body.firstMatch(of: /<option value="([^"]+)"/).map { String($0.1) })

            let refused = try await staff.post(
                Self.cecesVisits, [("jobId", job), ("date", "2027-01-04"), ("crew", "Crew 7"), ("repeats", "everyTwoWeeks"), ("ends", "count"), ("count", "0")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Enter 1 to 520 visits."))
            #expect(refused.body.contains("value=\"Crew 7\"") && refused.body.contains("value=\"2027-01-04\"") && refused.body.contains("value=\"everyTwoWeeks\" selected"))

            let series = try await staff.post(
                Self.cecesVisits,
                [("jobId", job), ("date", "2027-01-04"), ("windowStart", "07:30"), ("windowEnd", "09:00"), ("crew", "Crew 7"), ("repeats", "weekly"), ("ends", "count"), ("count", "4")])
            #expect(series.status == .seeOther && series.location == "\(Self.cecesVisits)?done=scheduled")
            let oneOff = try await staff.post(Self.cecesVisits, [("jobId", job), ("date", "2027-02-15"), ("repeats", "once")])
            #expect(oneOff.status == .seeOther)
            let dates = try await bed.services.storage.records(Visit.self).all(of: Seed.cece, from: CalendarDate(iso: "2027-01-01")!, in: Seed.accountA).map(\.date.description)
            #expect(dates == ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25", "2027-02-15"])
            let listed = try await staff.get(series.location!)
            #expect(listed.body.contains("The visits are scheduled.") && listed.body.contains("January 25, 2027") && listed.body.contains("7:30 AM – 9:00 AM"))

            // Another company's customer is the 404 page, and nothing can be scheduled for them.
            #expect(try await staff.get("/admin/customers/\(Seed.dana)/visits").status == .notFound)
            #expect(try await staff.post("/admin/customers/\(Seed.dana)/visits", [("jobId", job), ("date", "2027-01-04")]).status == .notFound)
        }
        await bed.remove()
    }

    @Test("#23: an admin sets the visit rules (cut-off, longest pause, how long done visits show, reminder hour); a value out of range is refused beside its field and nothing is saved")
    func settings() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var admin = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &admin)
            let page = try await admin.get("/admin/settings")
            #expect(page.body.contains("id=\"changeCutoffHours\" name=\"changeCutoffHours\" value=\"48\""))
            let refused = try await admin.post("/admin/settings", Self.settings(["changeCutoffHours": "400", "reminderHour": "24"]))
            #expect(refused.status == .unprocessableContent && refused.body.contains("Enter 0 to 336 hours.") && refused.body.contains("Enter an hour from 0 to 23."))
            #expect(refused.body.contains("value=\"400\""))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.settings.visits == VisitSettings())

            let saved = try await admin.post(
                "/admin/settings", Self.settings(["changeCutoffHours": "24", "maxPauseDays": "90", "pastVisitRetentionDays": "30", "reminderHour": "7"]))
            #expect(saved.status == .seeOther)
            let visits = try #require(try await bed.services.storage.accounts.find(Seed.accountA)).settings.visits
            #expect(visits == VisitSettings(changeCutoffHours: 24, maxPauseDays: 90, pastVisitRetentionDays: 30, reminderHour: 7))
        }
        await bed.remove()
    }

    @Test("#23: staff complete a visit while an integration cancels it at the same instant (on PostgreSQL from two instances of one database): one wins, the other is refused (409), and the visit ends once", arguments: TestStorage.all)
    func completeAndCancelAtOnce(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        bed.clock.advance(by: 7 * 86_400)
        let services = try await Self.secondInstance(bed, storage)
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        let (one, other) = (VisitPlanning(services: bed.services, emails: emails), VisitPlanning(services: services, emails: emails))
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        for index in 0..<2 {
            let id = Visit.ID(rawValue: "visit-cece-\(index)")
            if index == 1 { bed.clock.advance(by: 7 * 86_400) }
            async let completed = Self.outcome { try await one.complete(id, in: account, by: .staff("staff-alex")) }
            async let cancelled = Self.outcome { try await other.cancel(id, tellClient: true, in: account, by: nil) }
            let outcomes = await [completed, cancelled]
            #expect(outcomes.filter { $0 == "done" }.count == 1 && outcomes.filter { $0 == "conflict" }.count == 1, "\(storage.name): \(outcomes)")
            let events = try await bed.services.storage.auditEvents.all(about: .visit(id), in: Seed.accountA).map(\.action)
            #expect(events.filter { $0 == .visitCompleted || $0 == .visitCancelled }.count == 1, "\(storage.name): \(events)")
        }
        if storage.name == "postgres" { try await services.storage.close() }
        await bed.remove()
    }

    @Test("#23: the same scheduling form sent twice at the same instant (on PostgreSQL to two instances of one database) makes one series", arguments: TestStorage.all)
    func sameKeyAtOnce(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let services = try await Self.secondInstance(bed, storage)
        let emails = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let job = try #require(try await bed.services.storage.jobs.all(for: Seed.cece, in: Seed.accountA).first)
        let plan = VisitPlanning.Plan(jobID: job.id, date: CalendarDate(iso: "2027-01-04")!, customerID: Seed.cece, key: "form-\(storage.name)")
        let made = try await withThrowingTaskGroup(of: VisitSeries.ID.self) { group in
            for instance in [bed.services, services] {
                group.addTask {
                    try await VisitPlanning(services: instance, emails: emails)
                        .scheduleSeries(plan, cadence: .weekly, end: .count(5), in: account, by: nil).series.id
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(made).count == 1, "\(storage.name)")
        let visits = try await bed.services.storage.records(Visit.self).all(of: Seed.cece, from: CalendarDate(iso: "2027-01-01")!, in: Seed.accountA)
        #expect(visits.count == 5, "\(storage.name)")
        if storage.name == "postgres" { try await services.storage.close() }
        await bed.remove()
    }

    /// A staff user's browser, logged in, on the page at `path` (which gives it the form's CSRF token).
    static func staff(on path: String, bed: PortalTestbed, client: any TestClientProtocol) async throws -> Browser {
        var staff = Browser(client)
        try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
        _ = try await staff.get(path)
        return staff
    }

    /// The services of a second instance: on PostgreSQL, which serves several instances, its own store on the same
    /// database; SQLite and the JSON store serve one process (Docs/Scaling.md), so there the same store, reached by
    /// two requests at once.
    static func secondInstance(_ bed: PortalTestbed, _ storage: TestStorage) async throws -> PortalServices {
        var services = bed.services
        if storage.name == "postgres" { services.storage = try await storage.open(bed.folder) }
        return services
    }

    /// `done`, or the kind of the use case's refusal.
    static func outcome(_ body: () async throws -> Visit) async -> String {
        do {
            _ = try await body()
            return "done"
        } catch let refusal as UseCaseError {
            return refusal.kind.rawValue
        } catch {
            return "\(error)"
        }
    }

    @Test("#23: scheduling refuses another customer's job and an unknown way to end, schedules once for a double click (the form's key), and offers no lost job")
    func schedulingGuards() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let page = try await staff.get(Self.cecesVisits)
            let job = try #require(page.body.firstMatch(of: /<option value="([^"]+)"/).map { String($0.1) })
            let key = try #require(page.body.firstMatch(of: /name="formKey" value="([^"]+)"/).map { String($0.1) })
            let bobsJob = "job-\(Seed.bobVisit)"
            let theirs = try await staff.post(Self.cecesVisits, [("jobId", bobsJob), ("date", "2027-01-04"), ("repeats", "once")])
            #expect(theirs.status == .unprocessableContent && theirs.body.contains("That job is not this customer&#39;s"))
            let ends = try await staff.post(Self.cecesVisits, [("jobId", job), ("date", "2027-01-04"), ("repeats", "weekly"), ("ends", "forever"), ("count", "4")])
            #expect(ends.status == .unprocessableContent && ends.body.contains("Choose how the series ends."))

            let fields = [("jobId", job), ("date", "2027-01-04"), ("repeats", "weekly"), ("ends", "count"), ("count", "4"), ("formKey", key)]
            let tab = staff
            let answers = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var click = tab
                        return try await click.post(Self.cecesVisits, fields).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers == [.seeOther, .seeOther])
            let scheduled = try await bed.services.storage.records(Visit.self).all(of: Seed.cece, from: CalendarDate(iso: "2027-01-01")!, in: Seed.accountA)
            #expect(scheduled.count == 4)
        }
        await bed.remove()
    }

    @Test("#23: a note of 1,000 characters over ten lines, as a browser counts and sends it (CR LF), is saved with line feeds; the client's email keeps its lines, and an email without a note has no empty paragraph")
    func multiLineNote() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            let path = "/admin/visits/\(Seed.ceceVisit)"
            var staff = try await Self.staff(on: path, bed: bed, client: client)
            let note = Array(repeating: String(repeating: "a", count: 99), count: 9).joined(separator: "\r\n") + "\r\n" + String(repeating: "a", count: 100)
            let saved = try await staff.post(path, [("date", "2026-12-03"), ("crew", "Crew 2"), ("clientNote", note), ("tellClient", "yes")])
            #expect(saved.status == .seeOther)
            let stored = try await visit(bed, Seed.ceceVisit).clientNote
            #expect(stored?.unicodeScalars.count == 1_000 && stored?.contains("\r") == false)
            #expect(try await staff.post("/admin/visits/visit-cece-1", [("date", "2026-12-10"), ("clientNote", ""), ("tellClient", "yes")]).status == .seeOther)
            try await bed.deliverMail()
            let emails = try bed.mail.to("cece@example.com").filter { $0.decodedBody.contains("moved your visit") }
            #expect(emails.count == 2)
            #expect(emails.contains { $0.decodedBody.contains("<p style=\"white-space: pre-line\">aaa") })
            #expect(emails.allSatisfy { !$0.decodedBody.contains("<p></p>") && !$0.decodedBody.contains("<p style=\"white-space: pre-line\"></p>") })
        }
        await bed.remove()
    }
}
