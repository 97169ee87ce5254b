import PortalKernel

/// The back office's visit forms as typed (#23): scheduling a visit or a series on a customer's visits page, and
/// changing one on its page. Dates come as `YYYY-MM-DD` and times as `HH:MM` (HTML date and time fields); what
/// cannot be read is a problem beside its field, and the page shows again with what was typed.
struct VisitForm: PortalForm {
    /// The controls, in the page's order; their ids are the raw values, and the kernel's ``VisitPlanning/Field``
    /// names the same ones.
    enum Field: String, CaseIterable {
        case jobId, date, windowStart, windowEnd, crew, clientNote, repeats, ends, count, until
    }

    var csrf: String?
    var jobId: String?
    var date: String?
    var windowStart: String?
    var windowEnd: String?
    var crew: String?
    var clientNote: String?
    /// `once` or a ``VisitSeries/Cadence`` raw value.
    var repeats: String?
    /// How many visits a series makes, when `ends` is `count`.
    var count: String?
    /// A series' last date, when `ends` is `until`.
    var until: String?
    /// `count` or `until`.
    var ends: String?
    /// `yes` to email the client about a new date or a cancellation.
    var tellClient: String?
    /// The scheduling form's key, made when the page was drawn: a second click schedules nothing more.
    var formKey: String?

    /// What cannot be read, by field.
    struct Problems: Error {
        let fields: [Field: String]
    }

    /// The typed date; a problem when blank or not a date.
    func day() throws(Problems) -> CalendarDate {
        guard let date = CalendarDate(iso: (date ?? "").trimmed) else { throw Problems(fields: [.date: "Enter the date, such as 2027-04-12."]) }
        return date
    }

    /// The arrival window: `nil` when both times are blank; a problem when only one is given, one is not a time, or
    /// the window ends before it starts.
    func window() throws(Problems) -> ArrivalWindow? {
        let (startText, endText) = ((windowStart ?? "").trimmed, (windowEnd ?? "").trimmed)
        if startText.isEmpty && endText.isEmpty { return nil }
        var problems: [Field: String] = [:]
        let start = LocalTime(iso: startText), end = LocalTime(iso: endText)
        if start == nil { problems[.windowStart] = startText.isEmpty ? "Give the window's start too, or neither time." : "Enter a time such as 08:00." }
        if end == nil { problems[.windowEnd] = endText.isEmpty ? "Give the window's end too, or neither time." : "Enter a time such as 10:00." }
        guard let start, let end else { throw Problems(fields: problems) }
        guard let window = ArrivalWindow(start: start, end: end) else { throw Problems(fields: [.windowEnd: "End the window after it starts."]) }
        return window
    }

    /// The plan of the scheduling form (job, date, window, crew and note).
    func plan() throws(Problems) -> VisitPlanning.Plan {
        var problems: [Field: String] = [:]
        let job = (jobId ?? "").trimmed
        if job.isEmpty { problems[.jobId] = "Choose the job." }
        var date: CalendarDate?, window: ArrivalWindow?
        do { date = try day() } catch { problems.merge(error.fields) { a, _ in a } }
        do { window = try self.window() } catch { problems.merge(error.fields) { a, _ in a } }
        guard problems.isEmpty, let date else { throw Problems(fields: problems) }
        return VisitPlanning.Plan(jobID: Job.ID(rawValue: job), date: date, window: window, crew: crew, clientNote: clientNote, key: formKey)
    }

    /// The series the form asks for: `nil` for a one-off visit; a problem for an unknown cadence, or a count or last
    /// date that cannot be read.
    func series() throws(Problems) -> (VisitSeries.Cadence, VisitSeries.End)? {
        let repeats = (self.repeats ?? "once").trimmed
        if repeats == "once" || repeats.isEmpty { return nil }
        guard let cadence = VisitSeries.Cadence(rawValue: repeats) else { throw Problems(fields: [.repeats: "Choose how often."]) }
        guard ends == nil || ends == "count" || ends == "until" else { throw Problems(fields: [.ends: "Choose how the series ends."]) }
        if ends == "until" {
            guard let until = CalendarDate(iso: (until ?? "").trimmed) else { throw Problems(fields: [.until: "Enter the last date, such as 2027-10-31."]) }
            return (cadence, .until(until))
        }
        guard let count = Int((count ?? "").trimmed) else { throw Problems(fields: [.count: "Enter how many visits, such as 26."]) }
        return (cadence, .count(count))
    }

    /// The change of the visit page's form: every field given (a blank window, crew or note clears it).
    func change() throws(Problems) -> Visit.Change {
        var problems: [Field: String] = [:]
        var date: CalendarDate?, window: ArrivalWindow?
        do { date = try day() } catch { problems.merge(error.fields) { a, _ in a } }
        do { window = try self.window() } catch { problems.merge(error.fields) { a, _ in a } }
        guard problems.isEmpty else { throw Problems(fields: problems) }
        return Visit.Change(date: date, window: .some(window), crew: .some(crew), clientNote: .some(clientNote))
    }

    /// The form showing `visit` as it is.
    init(_ visit: Visit) {
        (date, crew, clientNote) = (visit.date.description, visit.crew, visit.clientNote)
        (windowStart, windowEnd) = (visit.window?.start.description, visit.window?.end.description)
        tellClient = "yes"
    }

    /// A blank scheduling form: a one-off visit, or a series of `count` visits, with a new key.
    init(count: Int = 12) {
        (repeats, ends, self.count, tellClient) = ("once", "count", "\(count)", "yes")
        formKey = SecretToken.generate().value
    }
}
