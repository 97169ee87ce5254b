import PortalKernel

/// How the portal and the back office word a visit's status and a series' cadence, and the status's style class.
enum VisitWords {
    static func status(_ status: Visit.Status) -> String {
        switch status {
        case .scheduled: "Scheduled"
        case .confirmed: "Confirmed"
        case .rescheduleRequested: "Reschedule requested"
        case .skipped: "Skipped"
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        }
    }

    static func statusClass(_ status: Visit.Status) -> String {
        switch status {
        case .confirmed, .completed: "accepted"
        case .rescheduleRequested: "pending"
        case .skipped, .cancelled: "skipped"
        case .scheduled: ""
        }
    }

    static func cadence(_ cadence: VisitSeries.Cadence) -> String {
        switch cadence {
        case .weekly: "Every week"
        case .everyTwoWeeks: "Every two weeks"
        case .everyFourWeeks: "Every four weeks"
        case .monthly: "Every month"
        }
    }
}
