extension Visit {
    /// A change to a visit as staff or an integration asks for it (#23; the API's JSON Merge Patch): each value given
    /// replaces the visit's, and `.some(nil)` clears an optional one. A new date or window answers a reschedule
    /// request: see ``applying(_:)``.
    public struct Change: Hashable, Sendable {
        /// The new day; `nil`: unchanged.
        public var date: CalendarDate?
        /// `nil`: unchanged; `.some(nil)`: any time that day.
        public var window: ArrivalWindow??
        /// `nil`: unchanged; `.some(nil)` or blank: no crew assigned. Trimmed, at most ``Visit/crewLimit`` scalars.
        public var crew: String??
        /// `nil`: unchanged; `.some(nil)` or blank: no note. Trimmed, at most ``Visit/noteLimit`` scalars.
        public var clientNote: String??

        /// Memberwise; every value unchanged unless given.
        public init(date: CalendarDate? = nil, window: ArrivalWindow?? = nil, crew: String?? = nil, clientNote: String?? = nil) {
            (self.date, self.window, self.crew, self.clientNote) = (date, window, crew, clientNote)
        }
    }

    /// The most Unicode scalars a crew's name holds (`Crew 2`, `Maria and Tom`).
    public static let crewLimit = 100

    /// How far back and ahead staff may date a visit, in months from today: a year back (to record work done), ten
    /// years ahead.
    public static let plannableMonths = (back: 12, ahead: 120)

    /// The first and last day staff may date a visit when it is `today` in the account's zone (a year back, ten years
    /// ahead, by the calendar).
    public static func plannable(today: CalendarDate) -> ClosedRange<CalendarDate> {
        today.adding(months: -plannableMonths.back)...today.adding(months: plannableMonths.ahead)
    }

    /// Why staff cannot date a visit `date` when it is `today` in the account's zone; `nil` when they can.
    public static func dateProblem(_ date: CalendarDate, today: CalendarDate) -> String? {
        let range = plannable(today: today)
        return range.contains(date) ? nil : "Choose a date from \(range.lowerBound) to \(range.upperBound) (a year ago to ten years ahead)."
    }

    /// `text` trimmed, `nil` when blank; `UseCaseError.invalid(_:field:)` naming `field` when longer than `limit`
    /// scalars (combining marks count one by one), or, `singleLine` (a name), when ``SingleLineText`` refuses it.
    public static func optionalText(_ text: String?, limit: Int, field: String, what: String, singleLine: Bool = false) throws -> String? {
        guard let trimmed = text?.trimmed.nilIfEmpty else { return nil }
        guard trimmed.unicodeScalars.count <= limit else {
            throw UseCaseError.invalid("Keep the \(what) to \(limit) characters or fewer.", field: field)
        }
        if singleLine, let problem = SingleLineText.problem(trimmed, naming: "The \(what)") { throw UseCaseError.invalid(problem, field: field) }
        return trimmed
    }

    /// Whether staff may still change, complete or cancel the visit: a completed or cancelled visit is final.
    public var isFinal: Bool { status == .completed || status == .cancelled }

    /// The visit with `change` applied as staff make it, on `today`.
    ///
    /// A different date or window plans the visit again: it is `scheduled` (the client confirms the new time), its
    /// reschedule request is answered, its reminder will go out for the new day, and its ``sequence`` goes up. Giving
    /// a date to a skipped visit or one with a reschedule request does the same even when the date is unchanged.
    ///
    /// - Throws: `UseCaseError.conflict` for a completed or cancelled visit; `.invalid` naming `date`, `crew` or
    ///   `clientNote`.
    public func applying(_ change: Change, today: CalendarDate) throws -> Visit {
        guard !isFinal else { throw UseCaseError.conflict("A \(status == .completed ? "completed" : "cancelled") visit cannot be changed.") }
        var visit = self
        if let crew = change.crew { visit.crew = try Self.optionalText(crew, limit: Self.crewLimit, field: "crew", what: "crew's name", singleLine: true) }
        if let note = change.clientNote { visit.clientNote = try Self.optionalText(note, limit: Self.noteLimit, field: "clientNote", what: "note") }
        if let date = change.date, date != self.date {
            // A visit moved into the past would leave the portal unanswered; work done on an earlier day is a visit
            // scheduled on that day and marked completed.
            if date < today { throw UseCaseError.invalid("Choose today or a later day for the visit.", field: "date") }
            if let problem = Self.dateProblem(date, today: today) { throw UseCaseError.invalid(problem, field: "date") }
        }
        if let date = change.date { visit.date = date }
        if let window = change.window { visit.window = window }
        let moved = visit.date != date || visit.window != window
        let answered = change.date != nil && (status == .skipped || status == .rescheduleRequested)
        if moved || answered {
            visit.status = .scheduled
            visit.rescheduleRequest = nil
            visit.statusBeforePause = nil
            visit.reminderQueuedAt = nil
            visit.sequence += 1
        }
        return visit
    }
}
