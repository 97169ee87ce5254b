import Foundation
import Hummingbird
import PortalKernel

/// `/admin/tips` (SPEC F14): the tips clients added, by crew, for a range of dates (this month until chosen), and the
/// same as a CSV download (`/admin/tips.csv`) to pay them out from.
struct TipsController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the report page.
    let front: BrowserFront
    /// Reads the tips of a range of dates.
    let tips: Tips

    func register(on admin: RouteCollection<Context>) {
        admin.get("tips") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let range = Self.range(request, account: staff.account, today: staff.account.today(at: front.clock.now))
            let report = try await tips.report(from: range.first, through: range.last, in: staff.account)
            let format = Formatting(account: staff.account)
            let query = "from=\(range.first)&to=\(range.last)"
            let model: [String: Any] = [
                "chrome": visit.chrome("Tips", section: "tips"), "from": range.first.description, "to": range.last.description,
                "errors": range.refused ? FormErrors(Self.rangeProblem + " This month is shown.") : FormErrors(),
                "allowed": staff.account.settings.allowsTips, "total": format.money(report.total),
                "count": report.rows.count == 1 ? "1 tip" : "\(report.rows.count) tips",
                "crews": report.crews.map { ["crew": $0.crew ?? "No crew yet", "count": $0.count, "total": format.money($0.total)] as [String: Any] },
                "rows": report.rows.map { row in
                    [
                        "when": format.instant(row.tip.receivedAt), "crew": row.tip.crew ?? "No crew yet", "customer": row.customerName ?? "—",
                        "invoice": row.invoiceNumber ?? "—", "invoiceURL": "/admin/invoices/\(row.tip.invoiceID)", "amount": format.money(row.tip.owed), "refunded": row.tip.refunded.map(format.money) as Any,
                    ] as [String: Any]
                },
                "csvURL": "/admin/tips.csv?\(query)", "hasCrews": !report.crews.isEmpty, "hasRows": !report.rows.isEmpty,
            ]
            return visit.page("admin-tips", model)
        }
        admin.get("tips.csv") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let range = Self.range(request, account: staff.account, today: staff.account.today(at: front.clock.now))
            // A download of dates that cannot be read is refused, not answered with this month's.
            guard !range.refused else {
                return Response(
                    status: .unprocessableContent, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: Self.rangeProblem + "\n")))
            }
            let report = try await tips.report(from: range.first, through: range.last, in: staff.account)
            let csv = TipsCSV.text(report, account: staff.account)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"tips-\(range.first)-to-\(range.last).csv\"",
                    .cacheControl: "no-store",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    static let rangeProblem = "Enter both dates as YYYY-MM-DD, the first not after the last, at most ten years apart."

    /// The dates asked for (`from`, `to`, `YYYY-MM-DD`), or this month; `refused` when they were given but could not be
    /// read, or the first is after the last, or they span more than ten years.
    static func range(_ request: Request, account: Account, today: CalendarDate) -> (first: CalendarDate, last: CalendarDate, refused: Bool) {
        let monthStart = CalendarDate(year: today.year, month: today.month, day: 1) ?? today
        let query = request.uri.queryParameters
        let asked = (query.get("from").map { String($0) }, query.get("to").map { String($0) })
        guard asked.0 != nil || asked.1 != nil else { return (monthStart, today, false) }
        guard let first = asked.0.flatMap(CalendarDate.init(iso:)), let last = asked.1.flatMap(CalendarDate.init(iso:)), first <= last,
            last <= first.adding(months: 120)
        else { return (monthStart, today, true) }
        return (first, last, false)
    }
}
