extension Job {
    /// A change to a job as staff or an integration asks for it (#20; the API's JSON Merge Patch): each value given
    /// replaces the job's, and `workDate: .some(nil)` clears the date. The title follows ``titleProblem(_:)``.
    public struct Change: Hashable, Sendable {
        /// The new stage; `nil`: unchanged.
        public var stage: Stage?
        /// The new title, trimmed when applied and held to ``Job/titleProblem(_:)``; `nil`: unchanged.
        public var title: String?
        /// `nil`: unchanged; `.some(nil)`: no work date any more.
        public var workDate: CalendarDate??

        /// Memberwise; every value unchanged unless given.
        public init(stage: Stage? = nil, title: String? = nil, workDate: CalendarDate?? = nil) {
            (self.stage, self.title, self.workDate) = (stage, title, workDate)
        }
    }

    /// Why `title`, trimmed, cannot be a job's title (empty, or over 200 characters); `nil` when it can. The one
    /// job-title rule of the back office, the API and the lead form's job (#20).
    public static func titleProblem(_ title: String) -> String? {
        let trimmed = title.trimmed
        if trimmed.isEmpty || trimmed.unicodeScalars.count > 200 { return "Enter a job title (up to 200 characters)." }
        return SingleLineText.problem(trimmed, naming: "A job title")
    }

    /// The job with `change` applied, its title trimmed; `UseCaseError.invalid(_:field:)` naming `title` for a title the rule refuses.
    public func applying(_ change: Change) throws -> Job {
        var job = self
        if let title = change.title {
            if let problem = Self.titleProblem(title) { throw UseCaseError.invalid(problem, field: "title") }
            job.title = title.trimmed
        }
        if let stage = change.stage { job.stage = stage }
        if let workDate = change.workDate { job.workDate = workDate }
        return job
    }
}
