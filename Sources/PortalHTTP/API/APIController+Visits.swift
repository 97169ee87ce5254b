import Foundation
import HTTPTypes
import Hummingbird
import PortalKernel

/// Visits and series (#23): list by dates, customer or series; schedule; change; complete; cancel.
extension APIController {
    func registerVisits(on api: some RouterMethods<Context>) {
        api.get("visits") { request, context in
            let account = try context.requireIdentity().account
            let (offset, limit) = try Self.paging(request)
            let query = request.uri.queryParameters
            let first = try Self.date(query.get("from").map { String($0) }, "from") ?? visitPlanning.today(in: account)
            let last = try Self.date(query.get("to").map { String($0) }, "to") ?? CalendarDate.last
            guard first <= last else { throw APIError.badRequest("to is on or after from.") }
            let visits = try await visitPlanning.list(
                from: first, through: last, customer: query.get("customerId").map { Customer.ID(rawValue: String($0)) },
                series: query.get("seriesId").map { VisitSeries.ID(rawValue: String($0)) }, limit: offset + limit + 1, in: account.id)
            return try APIJSON.response(APIPage(visits.map(APIVisit.init), offset: offset, limit: limit))
        }
        api.post("visits") { request, context in
            let (account, actor) = try context.caller()
            let key = try Self.idempotencyKey(request)
            let new = try await APIJSON.decode(APINewVisit.self, from: request, context: context)
            var plan = new.plan
            plan.key = key
            return try APIJSON.response(APIVisit(try await visitPlanning.schedule(plan, in: account, by: actor)), status: .created)
        }
        api.get("visits/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APIVisit(try await Self.record(context) { try await visitPlanning.visit($0, in: account.id) }))
        }
        api.patch("visits/:id") { request, context in
            let (account, actor) = try context.caller()
            let id = Visit.ID(rawValue: try context.parameters.require("id"))
            let notify = try Self.notifyClient(request)
            let change = try await APIJSON.decode(APIVisitChange.self, from: request, context: context).change()
            return try APIJSON.response(APIVisit(try await visitPlanning.change(id, change, tellClient: notify, in: account, by: actor)))
        }
        api.post("visits/:id/complete") { request, context in
            let (account, actor) = try context.caller()
            let id = Visit.ID(rawValue: try context.parameters.require("id"))
            return try APIJSON.response(APIVisit(try await visitPlanning.complete(id, in: account, by: actor)))
        }
        api.post("visits/:id/cancel") { request, context in
            let (account, actor) = try context.caller()
            let id = Visit.ID(rawValue: try context.parameters.require("id"))
            let notify = try Self.notifyClient(request)
            return try APIJSON.response(APIVisit(try await visitPlanning.cancel(id, tellClient: notify, in: account, by: actor)))
        }
        api.post("visit-series") { request, context in
            let (account, actor) = try context.caller()
            let key = try Self.idempotencyKey(request)
            let new = try await APIJSON.decode(APINewVisitSeries.self, from: request, context: context)
            var plan = new.plan
            plan.key = key
            let (series, _) = try await visitPlanning.scheduleSeries(plan, cadence: new.cadence, end: new.end, in: account, by: actor)
            return try APIJSON.response(APIVisitSeries(series), status: .created)
        }
        api.get("visit-series/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APIVisitSeries(try await Self.record(context) { try await visitPlanning.series($0, in: account.id) }))
        }
    }

    /// The query's date `name` (`YYYY-MM-DD`), `nil` when absent; a 400 naming it otherwise.
    static func date(_ text: String?, _ name: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else { throw APIError.badRequest("\(name) is a date, YYYY-MM-DD.") }
        return date
    }

    /// The optional `Idempotency-Key` header, 1 to 128 characters; a 400 for one out of that range.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[HTTPField.Name("Idempotency-Key")!] else { return nil }
        guard (1...128).contains(key.count) else { throw APIError.badRequest("Idempotency-Key is 1 to 128 characters.") }
        return key
    }

    /// The query's `notifyClient`: `true` emails the client a new date or a cancellation; `false` or absent does not.
    static func notifyClient(_ request: Request) throws -> Bool {
        guard let text = request.uri.queryParameters.get("notifyClient") else { return false }
        guard let value = Bool(String(text)) else { throw APIError.badRequest("notifyClient is true or false.") }
        return value
    }
}
