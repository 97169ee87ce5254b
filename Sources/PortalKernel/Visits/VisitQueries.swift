import Foundation

extension RecordRepository where Record == Visit {
    /// `customer`'s visits dated `first` or later, by date then id: what the portal's schedule and the calendar feed
    /// are chosen from (V1, V4).
    public func all(of customer: Customer.ID, from first: CalendarDate, in account: Account.ID) async throws -> [Visit] {
        try await all(
            in: account, where: [.equal("customer_id", .text(customer.rawValue)), .atLeast("visit_date", .text(first.description))],
            orderedBy: [.ascending("visit_date")])
    }

    /// The account's visits from `first` through `last`, only `customer`'s and only of `series` when given, by date
    /// then id, at most `limit` of them when given: the back office's day, the reminders (V5) and the API's list.
    public func all(
        from first: CalendarDate, through last: CalendarDate, customer: Customer.ID? = nil, series: VisitSeries.ID? = nil,
        limit: Int? = nil, in account: Account.ID
    ) async throws -> [Visit] {
        var filters: [RecordFilter] = [.atLeast("visit_date", .text(first.description))]
        if last < CalendarDate.last { filters.append(.below("visit_date", .text(last.adding(days: 1).description))) }
        if let customer { filters.append(.equal("customer_id", .text(customer.rawValue))) }
        if let series { filters.append(.equal("series_id", .text(series.rawValue))) }
        return try await all(in: account, where: filters, orderedBy: [.ascending("visit_date")], limit: limit)
    }

    /// The visits of `series`, by date then id.
    public func all(of series: VisitSeries.ID, in account: Account.ID) async throws -> [Visit] {
        try await all(in: account, where: [.equal("series_id", .text(series.rawValue))], orderedBy: [.ascending("visit_date")])
    }

    /// `customer`'s visit `id` if their portal shows it on `today` (V1): another customer's, or one no longer shown,
    /// is `nil`, exactly like a missing one.
    public func shown(_ id: Visit.ID, of customer: Customer.ID, in account: Account, today: CalendarDate) async throws -> Visit? {
        guard let visit = try await find(id, in: account.id), visit.customerID == customer,
            VisitSchedule.isShown(visit, today: today, settings: account.settings.visits)
        else { return nil }
        return visit
    }
}
