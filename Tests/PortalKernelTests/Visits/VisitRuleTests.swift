import Foundation
import PortalKernel
import Testing

/// SPEC V1, V2, V3 and V5 as pure functions of visits, settings, an instant and the account's zone.
@Suite("Visit rules V1–V5")
struct VisitRuleTests {
    static let zone = TimeZone(identifier: "America/New_York")!
    static let settings = VisitSettings()
    static let eightToTen = ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!)

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// The instant New York's clocks show `time` on `day`.
    static func at(_ day: String, _ time: String) -> Date { date(day).instant(at: LocalTime(iso: time)!, in: zone) }

    static func visit(
        _ id: String, _ day: String, _ status: Visit.Status = .scheduled, window: ArrivalWindow? = eightToTen,
        series: VisitSeries.ID? = "s1"
    ) -> Visit {
        Visit(id: .init(rawValue: id), accountID: "a", jobID: "j", customerID: "c", seriesID: series, date: date(day), window: window,
              status: status, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test("V1: upcoming are today's and later visits, not cancelled or completed, soonest first (a visit without a window first on its day); recent are those completed in the last 365 days, latest first")
    func v1() {
        let today = Self.date("2026-12-10")
        let visits = [
            Self.visit("late", "2026-12-17"), Self.visit("skipped", "2026-12-12", .skipped), Self.visit("cancelled", "2026-12-11", .cancelled),
            Self.visit("noon", "2026-12-10", window: ArrivalWindow(start: LocalTime(hour: 12, minute: 0)!, end: LocalTime(hour: 14, minute: 0)!)),
            Self.visit("allDay", "2026-12-10", window: nil), Self.visit("doneToday", "2026-12-10", .completed),
            Self.visit("yesterday", "2026-12-09"), Self.visit("done365", "2025-12-10", .completed), Self.visit("done366", "2025-12-09", .completed),
            Self.visit("cancelledPast", "2026-11-01", .cancelled), Self.visit("done", "2026-11-30", .completed),
        ]
        #expect(VisitSchedule.upcoming(visits, today: today).map(\.id.rawValue) == ["allDay", "noon", "skipped", "late"])
        #expect(VisitSchedule.recent(visits, today: today, settings: Self.settings).map(\.id.rawValue) == ["doneToday", "done", "done365"])
        #expect(VisitSchedule.next(visits, today: today)?.id == "allDay")
        #expect(!VisitSchedule.isShown(Self.visit("x", "2026-12-11", .cancelled), today: today, settings: Self.settings))
        #expect(!VisitSchedule.isShown(Self.visit("x", "2026-12-09"), today: today, settings: Self.settings))
        var short = Self.settings
        short.pastVisitRetentionDays = 0
        #expect(VisitSchedule.recent(visits, today: today, settings: short).map(\.id.rawValue) == ["doneToday"])
    }

    @Test("V2: changes close 48 hours before the window's start (the day's without one), the cut-off instant included, in real hours across a clock change")
    func v2Cutoff() {
        let visit = Self.visit("v", "2026-12-10")
        #expect(VisitChangeRule.cutoff(of: visit, settings: Self.settings, timeZone: Self.zone) == Self.at("2026-12-08", "08:00"))
        let closes = Self.at("2026-12-08", "08:00")
        #expect(VisitChangeRule.refusal(.confirm, of: visit, at: closes, settings: Self.settings, timeZone: Self.zone) == nil)
        #expect(VisitChangeRule.refusal(.confirm, of: visit, at: closes.addingTimeInterval(1), settings: Self.settings, timeZone: Self.zone)
            == .pastCutoff(closedAt: closes, hours: 48))
        let allDay = Self.visit("v", "2026-12-10", window: nil)
        #expect(VisitChangeRule.cutoff(of: allDay, settings: Self.settings, timeZone: Self.zone) == Self.at("2026-12-08", "00:00"))
        // 48 real hours before 08:00 EDT on Monday 9 March is 07:00 EST on Saturday 7 March.
        let afterChange = Self.visit("v", "2026-03-09")
        #expect(VisitChangeRule.cutoff(of: afterChange, settings: Self.settings, timeZone: Self.zone) == Self.at("2026-03-07", "07:00"))
        var none = Self.settings
        none.changeCutoffHours = 0
        #expect(VisitChangeRule.refusal(.reschedule, of: visit, at: Self.at("2026-12-10", "07:59"), settings: none, timeZone: Self.zone) == nil)
        #expect(VisitChangeRule.refusal(.reschedule, of: visit, at: Self.at("2026-12-10", "08:01"), settings: none, timeZone: Self.zone) != nil)
    }

    @Test("V2: what each status allows (confirm a scheduled visit; reschedule, skip and pause a planned one), skipping only in a series, the status told before the time")
    func v2Statuses() {
        let early = Self.at("2026-12-01", "09:00")
        func allowed(_ visit: Visit) -> [VisitChange] {
            VisitChangeRule.allowed(for: visit, at: early, settings: Self.settings, timeZone: Self.zone)
        }
        #expect(allowed(Self.visit("v", "2026-12-10")) == [.confirm, .reschedule, .skip, .pause])
        #expect(allowed(Self.visit("v", "2026-12-10", .confirmed)) == [.reschedule, .skip, .pause])
        #expect(allowed(Self.visit("v", "2026-12-10", .rescheduleRequested)) == [.reschedule, .skip, .pause])
        #expect(allowed(Self.visit("v", "2026-12-10", series: nil)) == [.confirm, .reschedule])
        for status in [Visit.Status.skipped, .completed, .cancelled] {
            #expect(allowed(Self.visit("v", "2026-12-10", status)).isEmpty)
        }
        let late = Self.at("2026-12-10", "09:00")
        #expect(VisitChangeRule.refusal(.confirm, of: Self.visit("v", "2026-12-10", .completed), at: late, settings: Self.settings, timeZone: Self.zone)
            == .notOpen(.completed))
        #expect(VisitChangeRule.refusal(.skip, of: Self.visit("v", "2026-12-10", series: nil), at: early, settings: Self.settings, timeZone: Self.zone)
            == .notInSeries)
        for refusal in [VisitChangeRefusal.notInSeries, .notOpen(.skipped), .pastCutoff(closedAt: late, hours: 48)] {
            #expect(!refusal.message.isEmpty)
        }
    }

    @Test("V3: a pause skips the series' planned visits in the span and bumps their sequence; it is refused backwards, in the past, too long, over a visit past its cut-off, or while paused")
    func v3Pause() throws {
        let series = VisitSeries(
            id: "s1", accountID: "a", jobID: "j", customerID: "c", cadence: .weekly, start: Self.date("2026-12-03"), end: .count(10),
            window: Self.eightToTen, createdAt: Date(timeIntervalSince1970: 0))
        let visits = [
            Self.visit("d03", "2026-12-03"), Self.visit("d10", "2026-12-10"), Self.visit("d17", "2026-12-17", .confirmed),
            Self.visit("d24", "2026-12-24", .skipped), Self.visit("d31", "2026-12-31"), Self.visit("other", "2026-12-17", series: "s2"),
        ]
        let now = Self.at("2026-12-05", "12:00")
        func pause(_ from: String, _ to: String, at instant: Date = now, series: VisitSeries = series) -> Result<(VisitSeries, [Visit]), VisitPauseRefusal> {
            VisitPauses.pause(series, visits: visits, from: Self.date(from), through: Self.date(to), at: instant, settings: Self.settings, timeZone: Self.zone)
        }
        let (paused, skipped) = try pause("2026-12-09", "2026-12-24").get()
        #expect(paused.pause == VisitSeries.Pause(from: Self.date("2026-12-09"), to: Self.date("2026-12-24"), requestedAt: now))
        #expect(skipped.map(\.id.rawValue) == ["d10", "d17"])
        #expect(skipped.map(\.statusBeforePause) == [.scheduled, .confirmed])
        #expect(skipped.allSatisfy { $0.status == .skipped && $0.sequence == 1 })

        #expect(throws: VisitPauseRefusal.endsBeforeStart) { try pause("2026-12-10", "2026-12-09").get() }
        #expect(throws: VisitPauseRefusal.startsInPast) { try pause("2026-12-04", "2026-12-20").get() }
        #expect(throws: VisitPauseRefusal.tooLong(maxDays: 180)) { try pause("2026-12-09", "2027-06-07").get() }
        #expect(throws: VisitPauseRefusal.startsTooLate(days: 365)) { try pause("2027-12-06", "2027-12-10").get() }
        #expect(VisitPauseRefusal.startsTooLate(days: 365).field == "from" && VisitPauseRefusal.endsBeforeStart.field == "to")
        #expect(VisitPauseRefusal.alreadyPaused(.init(from: Self.date("2026-12-09"), to: Self.date("2026-12-10"), requestedAt: now)).field == nil)
        #expect((try? pause("2026-12-09", "2027-06-06").get()) != nil)  // 180 days
        // The visit on the 10th is within 48 hours at 09:00 on the 8th.
        if case .failure(.visitPastCutoff(let visit, _)) = pause("2026-12-09", "2026-12-20", at: Self.at("2026-12-08", "09:00")) {
            #expect(visit.id == "d10")
        } else {
            Issue.record("a pause over a visit past its cut-off was not refused")
        }
        #expect(throws: VisitPauseRefusal.alreadyPaused(paused.pause!)) { try pause("2027-01-10", "2027-01-20", series: paused).get() }
        // A pause that is over does not stand in the way of a new one.
        var ended = paused
        ended.pause?.to = Self.date("2026-12-04")
        #expect((try? pause("2026-12-09", "2026-12-24", series: ended).get()) != nil)
    }

    @Test("V3: resuming puts back, as they were (confirmed, waiting for a new date), the visits the pause skipped that are still before their cut-off; visits skipped one by one stay skipped")
    func v3Resume() {
        let series = VisitSeries(
            id: "s1", accountID: "a", jobID: "j", customerID: "c", cadence: .weekly, start: Self.date("2026-12-03"), end: .count(10),
            pause: .init(from: Self.date("2026-12-09"), to: Self.date("2026-12-31"), requestedAt: Date(timeIntervalSince1970: 0)),
            createdAt: Date(timeIntervalSince1970: 0))
        func paused(_ id: String, _ day: String, was status: Visit.Status = .scheduled) -> Visit {
            var visit = Self.visit(id, day, .skipped)
            visit.statusBeforePause = status
            visit.sequence = 1
            return visit
        }
        let visits = [
            paused("d10", "2026-12-10"), paused("d17", "2026-12-17", was: .confirmed), paused("d24", "2026-12-24", was: .rescheduleRequested),
            Self.visit("own", "2026-12-31", .skipped),
        ]
        // At 09:00 on the 15th the visit on the 17th (08:00) is one hour before its 48-hour cut-off; the 10th is past.
        let (resumed, restored) = VisitPauses.resume(series, visits: visits, at: Self.at("2026-12-15", "07:00"), settings: Self.settings, timeZone: Self.zone)
        #expect(resumed.pause == nil)
        #expect(restored.map(\.id.rawValue) == ["d17", "d24"])
        #expect(restored.map(\.status) == [.confirmed, .rescheduleRequested])
        #expect(restored.allSatisfy { $0.statusBeforePause == nil && $0.sequence == 2 })
        let later = VisitPauses.resume(series, visits: visits, at: Self.at("2026-12-15", "08:01"), settings: Self.settings, timeZone: Self.zone)
        #expect(later.1.map(\.id.rawValue) == ["d24"])
    }

    @Test("V5: the reminder is due the day before at the reminder hour, once, until the visit starts, and never for a visit that is skipped, cancelled or done")
    func v5() {
        let visit = Self.visit("v", "2026-03-09")  // The day before is the day New York's clocks change.
        #expect(VisitReminders.dueAt(visit, settings: Self.settings, timeZone: Self.zone) == Self.at("2026-03-08", "17:00"))
        #expect(!VisitReminders.isDue(visit, at: Self.at("2026-03-08", "16:59"), settings: Self.settings, timeZone: Self.zone))
        #expect(VisitReminders.isDue(visit, at: Self.at("2026-03-08", "17:00"), settings: Self.settings, timeZone: Self.zone))
        #expect(VisitReminders.isDue(visit, at: Self.at("2026-03-09", "07:59"), settings: Self.settings, timeZone: Self.zone))
        #expect(!VisitReminders.isDue(visit, at: Self.at("2026-03-09", "08:00"), settings: Self.settings, timeZone: Self.zone))
        var queued = visit
        queued.reminderQueuedAt = Self.at("2026-03-08", "17:00")
        #expect(!VisitReminders.isDue(queued, at: Self.at("2026-03-08", "18:00"), settings: Self.settings, timeZone: Self.zone))
        for status in [Visit.Status.skipped, .cancelled, .completed] {
            #expect(!VisitReminders.isDue(Self.visit("v", "2026-03-09", status), at: Self.at("2026-03-08", "18:00"), settings: Self.settings, timeZone: Self.zone))
        }
        for status in [Visit.Status.confirmed, .rescheduleRequested] {
            #expect(VisitReminders.isDue(Self.visit("v", "2026-03-09", status), at: Self.at("2026-03-08", "18:00"), settings: Self.settings, timeZone: Self.zone))
        }
        var midnight = Self.settings
        midnight.reminderHour = 0
        #expect(VisitReminders.dueAt(visit, settings: midnight, timeZone: Self.zone) == Self.at("2026-03-08", "00:00"))
    }

    @Test("V2, V3, V5: the visit settings default to SPEC's (48 hours, 180 days, 365 days) and refuse values outside their limits, by field")
    func settings() throws {
        #expect(VisitSettings().problems.isEmpty)
        #expect(VisitSettings().changeCutoffHours == 48 && VisitSettings().maxPauseDays == 180 && VisitSettings().pastVisitRetentionDays == 365)
        let wrong = VisitSettings(changeCutoffHours: -1, maxPauseDays: 0, pastVisitRetentionDays: 3_651, reminderHour: 24)
        #expect(Set(wrong.problems.keys) == ["changeCutoffHours", "maxPauseDays", "pastVisitRetentionDays", "reminderHour"])
        let edges = VisitSettings(changeCutoffHours: 336, maxPauseDays: 366, pastVisitRetentionDays: 0, reminderHour: 23)
        #expect(edges.problems.isEmpty)
        // Settings stored before visits existed read as the defaults.
        let old = Data(#"{"leadNotificationEmails":[],"openInvoiceWhen":"generated","paidInvoiceRetentionDays":365,"proposalExpiryDays":30,"allowsPartialPayments":false,"serviceFeeBasisPoints":0,"leadFormAllowedOrigins":[]}"#.utf8)
        #expect(try JSONDecoder().decode(AccountSettings.self, from: old).visits == VisitSettings())
    }
}
