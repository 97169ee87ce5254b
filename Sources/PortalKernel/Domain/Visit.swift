import Foundation

/// One trip of a crew to a job's service address (SPEC "Visits", V1–V5).
public struct Visit: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Visit>

    /// Where a visit stands.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        /// Planned; the client has not answered.
        case scheduled
        /// The client confirmed it (V2).
        case confirmed
        /// The client asked for another date; shown so until staff set one (V2).
        case rescheduleRequested
        /// Not happening: the client skipped it, or paused its series (V2, V3). Staff may schedule it again.
        case skipped
        /// The crew did the work.
        case completed
        /// Staff called it off; never shown in the portal (V1).
        case cancelled

        /// Whether the visit is still to happen (scheduled, confirmed or waiting for a new date).
        public var isPlanned: Bool {
            switch self {
            case .scheduled, .confirmed, .rescheduleRequested: true
            case .skipped, .completed, .cancelled: false
            }
        }
    }

    /// A client's request for another date (V2): up to three dates they prefer, and a note.
    public struct RescheduleRequest: Hashable, Codable, Sendable {
        /// One to three dates, each after the day of the request, in the order the client gave them.
        public var preferredDates: [CalendarDate]
        /// What the client wrote (up to ``Visit/noteLimit`` characters), `nil` for none.
        public var note: String?
        /// When the client asked.
        public var requestedAt: Date

        /// Memberwise.
        public init(preferredDates: [CalendarDate], note: String?, requestedAt: Date) {
            self.preferredDates = preferredDates
            self.note = note
            self.requestedAt = requestedAt
        }
    }

    /// The most Unicode scalars a note (staff's to the client, or the client's with a reschedule request) holds:
    /// counted as scalars, so combining marks count one by one.
    public static let noteLimit = 1_000

    /// The visit's id, a random UUID string.
    public var id: ID
    /// The company doing the work.
    public var accountID: Account.ID
    /// The job the visit does work for.
    public var jobID: Job.ID
    /// The job's customer: whose portal shows the visit.
    public var customerID: Customer.ID
    /// The series the visit belongs to, `nil` for a one-off visit.
    public var seriesID: VisitSeries.ID?
    /// The day of the visit, in the account's time zone.
    public var date: CalendarDate
    /// When the crew expects to arrive that day; `nil` when not given (any time that day).
    public var window: ArrivalWindow?
    /// Where it stands.
    public var status: Status
    /// Who does the work (`Crew 2`, `Maria and Tom`), `nil` when not assigned.
    public var crew: String?
    /// Staff's note for the client (`Please leave the side gate open`), `nil` for none.
    public var clientNote: String?
    /// The client's open request for another date, while the status is `rescheduleRequested`.
    public var rescheduleRequest: RescheduleRequest?
    /// What the visit was before a pause of its series skipped it (V3), which resuming restores (a confirmation or
    /// a reschedule request survives a pause); `nil` for a visit no pause skipped, which resuming leaves as it is.
    public var statusBeforePause: Status?
    /// When staff marked it completed.
    public var completedAt: Date?
    /// When its reminder email was queued (V5): once per visit.
    public var reminderQueuedAt: Date?
    /// How many times it changed in a way a client's calendar must see (date, window, status): RFC 5545's
    /// `SEQUENCE`, starting at 0.
    public var sequence: Int
    /// When the visit was scheduled, by the portal's clock.
    public var createdAt: Date

    /// Memberwise; a new visit is `scheduled`, not skipped by a pause, at sequence 0.
    public init(
        id: ID = .random(), accountID: Account.ID, jobID: Job.ID, customerID: Customer.ID, seriesID: VisitSeries.ID? = nil,
        date: CalendarDate, window: ArrivalWindow? = nil, status: Status = .scheduled, crew: String? = nil,
        clientNote: String? = nil, rescheduleRequest: RescheduleRequest? = nil, statusBeforePause: Status? = nil,
        completedAt: Date? = nil, reminderQueuedAt: Date? = nil, sequence: Int = 0, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.jobID = jobID
        self.customerID = customerID
        self.seriesID = seriesID
        self.date = date
        self.window = window
        self.status = status
        self.crew = crew
        self.clientNote = clientNote
        self.rescheduleRequest = rescheduleRequest
        self.statusBeforePause = statusBeforePause
        self.completedAt = completedAt
        self.reminderQueuedAt = reminderQueuedAt
        self.sequence = sequence
        self.createdAt = createdAt
    }

    /// The instant the visit starts in `timeZone`: its window's start, or the start of its day without one.
    public func start(in timeZone: TimeZone) -> Date {
        date.instant(at: window?.start ?? LocalTime(hour: 0, minute: 0)!, in: timeZone)
    }

    /// The instant the visit is over in `timeZone`: its window's end, or the start of the next day without one.
    public func end(in timeZone: TimeZone) -> Date {
        guard let window else { return date.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone) }
        return date.instant(at: window.end, in: timeZone)
    }
}
