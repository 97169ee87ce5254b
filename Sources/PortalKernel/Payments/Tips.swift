import Foundation

/// Tips for the crew (SPEC F14): which crew a tip is recorded against, and the report staff pay tips out from.
public struct Tips: Sendable {
    /// One crew's tips in a report.
    public struct CrewTotal: Hashable, Sendable {
        /// The crew as visits name it; `nil` for tips paid when the job had no visit with a crew.
        public let crew: String?
        /// How many tips.
        public let count: Int
        /// What they owe the crew (each tip less its refunds), in minor units (SPEC M1).
        public let total: Money
    }

    /// One tip as the report lists it: with who tipped and on which invoice.
    public struct Row: Hashable, Sendable {
        /// The tip as recorded.
        public let tip: Tip
        /// The customer's name; `nil` when the customer is gone.
        public let customerName: String?
        /// The invoice's number; `nil` when the invoice is gone.
        public let invoiceNumber: String?
    }

    /// The tips received from one date to another, in the account's time zone.
    public struct Report: Hashable, Sendable {
        /// Every tip, oldest first.
        public let rows: [Row]
        /// By crew, by name (no crew last).
        public let crews: [CrewTotal]
        /// What every tip owes, refunds taken off, in minor units (SPEC M1).
        public let total: Money
    }

    let services: PortalServices

    /// Reads tips through `services.storage`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// The crew a tip on `invoice` paid `today` is for: the latest visit of the invoice's job on or before `today` that
    /// was not skipped or cancelled and has a crew, or else its next such visit; `nil` for an invoice of no job or a
    /// job without one.
    static func crew(for invoice: Invoice, today: CalendarDate, store: any Repositories) async throws -> (crew: String, visit: Visit.ID)? {
        guard let job = invoice.jobID else { return nil }
        let visits = try await store.records(Visit.self).all(in: invoice.accountID, where: [.equal("job_id", .text(job.rawValue))], orderedBy: [.ascending("visit_date")])
            .filter { $0.status != .skipped && $0.status != .cancelled && !($0.crew ?? "").isEmpty }
        guard let visit = visits.last(where: { $0.date <= today }) ?? visits.first, let crew = visit.crew else { return nil }
        return (crew, visit.id)
    }

    /// The tips received from `first` through `last` (calendar days in the account's time zone), by crew; an empty
    /// report when `last` is before `first`.
    public func report(from first: CalendarDate, through last: CalendarDate, in account: Account) async throws -> Report {
        guard first <= last else { return Report(rows: [], crews: [], total: .zero) }
        let midnight = LocalTime(hour: 0, minute: 0)!
        let start = first.instant(at: midnight, in: account.timeZone)
        let end = last.adding(days: 1).instant(at: midnight, in: account.timeZone)
        let tips = try await services.storage.records(Tip.self).all(
            in: account.id, where: [.atLeast("received_at", .instant(start)), .below("received_at", .instant(end))],
            orderedBy: [.ascending("received_at")])
        var byCrew: [String?: (Int, Money)] = [:]
        var total = Money.zero
        for tip in tips {
            let (count, sum) = byCrew[tip.crew] ?? (0, .zero)
            byCrew[tip.crew] = (count + 1, try sum.adding(tip.owed))
            total = try total.adding(tip.owed)
        }
        let crews = byCrew.map { CrewTotal(crew: $0.key, count: $0.value.0, total: $0.value.1) }
            .sorted { ($0.crew == nil ? 1 : 0, $0.crew ?? "") < ($1.crew == nil ? 1 : 0, $1.crew ?? "") }
        let store = services.storage
        let names = Dictionary(try await store.customers.all(in: account.id).map { ($0.id, $0.displayName) }) { first, _ in first }
        var numbers: [Invoice.ID: String] = [:]
        for id in Set(tips.map(\.invoiceID)) { numbers[id] = try await store.invoices.find(id, in: account.id)?.number }
        let rows = tips.map { Row(tip: $0, customerName: names[$0.customerID], invoiceNumber: numbers[$0.invoiceID]) }
        return Report(rows: rows, crews: crews, total: total)
    }
}
