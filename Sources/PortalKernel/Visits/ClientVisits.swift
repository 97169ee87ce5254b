import Foundation

/// What a logged-in client does about their visits in the portal (SPEC V2, V3): confirm one, ask for other dates,
/// skip one of a series, pause a series and resume it.
///
/// Each is one transaction: the visit is read (locked where the store locks rows) and checked against the rules at
/// that instant, then changed with its webhook, its audit event and, for a reschedule request or a pause, the email
/// to the office. A visit of another customer, or one the portal does not show, is ``Outcome/notFound``, exactly
/// like a missing one.
public struct ClientVisits: Sendable {
    /// What became of a client's change.
    public enum Outcome: Hashable, Sendable {
        /// Done: the visit as it is now.
        case done(Visit)
        /// Refused by the rules (the cut-off, the visit's status, a pause that cannot be), with the reason to show;
        /// nothing changed.
        case refused(String)
        /// The form was not filled in properly: a message by field (`dates`, `note`, `from`, `to`); nothing changed.
        case invalid([String: String])
        /// No such visit in the client's portal.
        case notFound
    }

    /// Who asks, and from where.
    public typealias Client = ClientActor

    /// The most dates a client may propose when asking to reschedule (V2).
    public static let mostPreferredDates = 3
    /// How far ahead a preferred date may be, in days.
    public static let latestPreferredDays = 365

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes visits, series, outbox messages and audit events in `services.storage`, at
    /// `services.clock`'s instant; words the office's emails with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// V2: the client confirms the visit.
    public func confirm(_ id: Visit.ID, account: Account, by client: Client) async throws -> Outcome {
        try await change(id, .confirm, account: account, by: client) { visit in
            visit.status = .confirmed
            visit.sequence += 1
            return (.visitConfirmed, .visitConfirmed, nil, nil)
        }
    }

    /// V2: the client asks for another date: `dates` as typed (`YYYY-MM-DD`, one to three, each after today,
    /// blanks ignored) and a note of up to ``Visit/noteLimit`` characters. The office is emailed; the visit shows
    /// "Reschedule requested" until staff set a date.
    public func requestReschedule(
        _ id: Visit.ID, dates typed: [String], note typedNote: String, account: Account, by client: Client
    ) async throws -> Outcome {
        let now = services.clock.now
        let (dates, problems) = Self.preferredDates(typed, note: typedNote, today: account.today(at: now))
        guard problems.isEmpty else { return .invalid(problems) }
        let note = typedNote.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await change(id, .reschedule, account: account, by: client) { visit in
            let request = Visit.RescheduleRequest(preferredDates: dates, note: note.isEmpty ? nil : note, requestedAt: now)
            visit.status = .rescheduleRequested
            visit.rescheduleRequest = request
            visit.sequence += 1
            return (.visitRescheduleRequested, .visitRescheduleRequested, .reschedule(request), dates.map(\.description).joined(separator: ", "))
        }
    }

    /// V2: the client skips this one visit of a series.
    public func skip(_ id: Visit.ID, account: Account, by client: Client) async throws -> Outcome {
        try await change(id, .skip, account: account, by: client) { visit in
            visit.status = .skipped
            visit.statusBeforePause = nil
            visit.rescheduleRequest = nil
            visit.sequence += 1
            return (.visitSkipped, .visitSkipped, nil, nil)
        }
    }

    /// V3: the client pauses the series of visit `id` from `from` through `to` (`YYYY-MM-DD` as typed): each planned
    /// visit of the series in that span is skipped, and the office is emailed. The visit whose page the form is on
    /// must itself be open to a pause (V2), as its page shows. Answers with visit `id` as it is now.
    public func pause(_ id: Visit.ID, from typedFrom: String, to typedTo: String, account: Account, by client: Client) async throws -> Outcome {
        var problems: [String: String] = [:]
        let from = CalendarDate(iso: typedFrom.trimmingCharacters(in: .whitespaces))
        let to = CalendarDate(iso: typedTo.trimmingCharacters(in: .whitespaces))
        if from == nil { problems["from"] = "Enter the first day of the pause as a date." }
        if to == nil { problems["to"] = "Enter the last day of the pause as a date." }
        guard let from, let to, problems.isEmpty else { return .invalid(problems) }
        let now = services.clock.now
        let settings = account.settings.visits
        return try await services.storage.transaction { store in
            guard let visit = try await store.records(Visit.self).shown(id, of: client.customer.id, in: account, today: account.today(at: now)) else { return .notFound }
            if let refusal = VisitChangeRule.refusal(.pause, of: visit, at: now, settings: settings, timeZone: account.timeZone) {
                return .refused(refusal.message)
            }
            guard let seriesID = visit.seriesID, let series = try await store.records(VisitSeries.self).find(seriesID, in: account.id) else {
                return .refused(VisitChangeRefusal.notInSeries.message)
            }
            let visits = try await store.records(Visit.self).all(of: series.id, in: account.id)
            let (paused, skipped): (VisitSeries, [Visit])
            switch VisitPauses.pause(series, visits: visits, from: from, through: to, at: now, settings: settings, timeZone: account.timeZone) {
            case .success(let planned): (paused, skipped) = planned
            case .failure(let refusal):
                if let field = refusal.field { return .invalid([field: refusal.message]) }
                return .refused(refusal.message)
            }
            try await store.records(VisitSeries.self).update(paused)
            for changed in skipped {
                try await store.records(Visit.self).update(changed)
                try await WebhookEvents.enqueue(.visitSkipped, data: changed, about: .visit(changed.id), account: account, store: store, at: now)
            }
            try await record(
                .visitsPaused, about: .visitSeries(series.id), detail: "\(from) to \(to): \(skipped.count) visits skipped", account: account,
                client: client, store: store, at: now)
            try await tellOffice(
                .pause(paused.pause!, skipped: skipped.map(\.date)), visit: skipped.first ?? visit, account: account, client: client,
                store: store, at: now)
            return .done(skipped.first { $0.id == visit.id } ?? visit)
        }
    }

    /// V3: the client resumes the paused series of visit `id`: the visits the pause skipped that are still before
    /// their cut-off are back as they were, and the office is emailed. Answers with visit `id` as it is now.
    public func resume(_ id: Visit.ID, account: Account, by client: Client) async throws -> Outcome {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard let visit = try await store.records(Visit.self).shown(id, of: client.customer.id, in: account, today: account.today(at: now)) else { return .notFound }
            guard let seriesID = visit.seriesID, let series = try await store.records(VisitSeries.self).find(seriesID, in: account.id) else {
                return .refused(VisitChangeRefusal.notInSeries.message)
            }
            guard series.pause != nil else { return .refused("Your visits are not paused.") }
            let visits = try await store.records(Visit.self).all(of: series.id, in: account.id)
            let (resumed, restored) = VisitPauses.resume(
                series, visits: visits, at: now, settings: account.settings.visits, timeZone: account.timeZone)
            try await store.records(VisitSeries.self).update(resumed)
            for changed in restored { try await store.records(Visit.self).update(changed) }
            try await record(
                .visitsResumed, about: .visitSeries(series.id), detail: "\(restored.count) visits planned again", account: account,
                client: client, store: store, at: now)
            try await tellOffice(
                .resume(restored: restored.map(\.date)), visit: restored.first ?? visit, account: account, client: client, store: store, at: now)
            return .done(restored.first { $0.id == visit.id } ?? visit)
        }
    }

    /// The preferred dates of a reschedule request as typed, and what is wrong with them or the note, by field.
    static func preferredDates(_ typed: [String], note: String, today: CalendarDate) -> ([CalendarDate], [String: String]) {
        let texts = typed.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var problems: [String: String] = [:]
        let dates = texts.compactMap(CalendarDate.init(iso:))
        if texts.isEmpty {
            problems["dates"] = "Give at least one date that would suit you."
        } else if texts.count > mostPreferredDates {
            problems["dates"] = "Give at most \(mostPreferredDates) dates."
        } else if dates.count != texts.count {
            problems["dates"] = "Enter each date as a date (for example 2026-12-14)."
        } else if dates.contains(where: { $0 <= today }) {
            problems["dates"] = "Choose dates after today."
        } else if dates.contains(where: { $0.days(since: today) > latestPreferredDays }) {
            problems["dates"] = "Choose dates within the next year."
        } else if Set(dates).count != dates.count {
            problems["dates"] = "Give each date once."
        }
        if note.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count > Visit.noteLimit {
            problems["note"] = "Keep the note to \(Visit.noteLimit) characters or fewer."
        }
        return (dates, problems)
    }

    /// A change of one visit: read it in the client's portal, check the rule at this instant, apply `body` (which
    /// returns the webhook, the audit action, the office's notice if any, and the audit detail), and save.
    private func change(
        _ id: Visit.ID, _ kind: VisitChange, account: Account, by client: Client,
        _ body: @escaping @Sendable (inout Visit) -> (WebhookEvents.Kind, AuditEvent.Action, VisitRequestNotice?, String?)
    ) async throws -> Outcome {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var visit = try await store.records(Visit.self).shown(id, of: client.customer.id, in: account, today: account.today(at: now)) else { return .notFound }
            if let refusal = VisitChangeRule.refusal(kind, of: visit, at: now, settings: account.settings.visits, timeZone: account.timeZone) {
                return .refused(refusal.message)
            }
            let (event, action, notice, detail) = body(&visit)
            try await store.records(Visit.self).update(visit)
            try await WebhookEvents.enqueue(event, data: visit, about: .visit(visit.id), account: account, store: store, at: now)
            try await record(action, about: .visit(visit.id), detail: detail, account: account, client: client, store: store, at: now)
            if let notice { try await tellOffice(notice, visit: visit, account: account, client: client, store: store, at: now) }
            return .done(visit)
        }
    }

    private func record(
        _ action: AuditEvent.Action, about subject: RecordReference, detail: String?, account: Account, client: Client,
        store: any Repositories, at now: Date
    ) async throws {
        try await store.auditEvents.record(
            AuditEvent(
                accountID: account.id, action: action, about: subject, customerID: client.customer.id, actorEmail: client.email,
                ipAddress: client.origin.ipAddress, userAgent: client.origin.userAgent, detail: detail, occurredAt: now))
    }

    /// The office's email about a client's request: to every staff user of the account.
    private func tellOffice(
        _ notice: VisitRequestNotice, visit: Visit, account: Account, client: Client, store: any Repositories, at now: Date
    ) async throws {
        let staff = try await store.staffUsers.all(in: account.id)
        guard !staff.isEmpty else { return }
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        let message = try emails.compose(
            .visitRequest(account: account, customer: client.customer, visit: visit, request: notice, customerURL: links.backOfficeCustomer(client.customer.id)),
            to: staff.map { EmailMessage.Mailbox(address: $0.email, name: $0.name) })
        try await store.outbox.enqueue(
            OutboxMessage(accountID: account.id, email: message, about: .visit(visit.id), nextAttemptAt: now, createdAt: now))
    }
}
