import Foundation
import PortalKernel
import Testing

/// #23 point 7: visits and series in `/api/v1`, as an integration uses them. The bed's today is November 25, 2026;
/// Cece's weekly visits are on December 2, 9, 16 and 23, Bob's on November 30.
@Suite("JSON API: visits and series (#23)")
struct APIVisitTests {
    @Test("#23: visits are listed by dates, customer and series, paged; a date that is no date or an end before the start is a 400; another company's visits are never listed")
    func lists() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let all = try await api.call(.get, "/api/v1/visits")
            #expect(all.status == .ok)
            let ids = (all["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == [Seed.bobVisit.rawValue] + (0..<4).map { "visit-cece-\($0)" })
            let first = try #require((all["data"] as? [[String: Any]])?.dropFirst().first)
            #expect(first["date"] as? String == "2026-12-02" && first["status"] as? String == "scheduled" && first["seriesId"] as? String == Seed.ceceSeries.rawValue)
            #expect((first["window"] as? [String: String]) == ["start": "08:00", "end": "10:00"])

            let december = try await api.call(.get, "/api/v1/visits?from=2026-12-01&to=2026-12-09&customerId=\(Seed.cece)")
            #expect((december["data"] as? [[String: Any]])?.compactMap { $0["date"] as? String } == ["2026-12-02", "2026-12-09"])
            let series = try await api.call(.get, "/api/v1/visits?seriesId=\(Seed.ceceSeries)&limit=3")
            #expect((series["data"] as? [Any])?.count == 3 && series["nextOffset"] as? Int == 3)
            #expect(try await api.call(.get, "/api/v1/visits?customerId=\(Seed.dana)")["data"] as? [Any] != nil)
            #expect((try await api.call(.get, "/api/v1/visits?customerId=\(Seed.dana)")["data"] as? [Any])?.isEmpty == true)
            #expect(try await api.call(.get, "/api/v1/visits?from=soon").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/visits?from=2026-12-09&to=2026-12-01").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/visits/\(Seed.danaVisit)").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/visit-series/\(Seed.ceceSeries)")["cadence"] as? String == "weekly")
        }
        await bed.remove()
    }

    @Test("#23: an integration schedules a visit and a series, moves a visit (notifyClient emails the client), completes one on its day and cancels one; a completed visit is 409, bad input 422 naming the field")
    func writes() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        let job = try #require(try await bed.services.storage.jobs.all(for: Seed.cece, in: Seed.accountA).first).id.rawValue
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let created = try await api.call(
                .post, "/api/v1/visits", ["jobId": job, "date": "2026-11-25", "window": ["start": "07:00", "end": "09:30"], "crew": " Crew 4 "])
            #expect(created.status == .created && created["crew"] as? String == "Crew 4" && created["customerId"] as? String == Seed.cece.rawValue)
            let id = try #require(created["id"] as? String)

            let series = try await api.call(.post, "/api/v1/visit-series", ["jobId": job, "start": "2027-01-31", "cadence": "monthly", "end": ["count": 3]])
            #expect(series.status == .created && (series["end"] as? [String: Int]) == ["count": 3], "\(series.object)")
            let seriesID = try #require(series["id"] as? String)
            let dates = try await api.call(.get, "/api/v1/visits?seriesId=\(seriesID)&from=2027-01-01")
            #expect((dates["data"] as? [[String: Any]])?.compactMap { $0["date"] as? String } == ["2027-01-31", "2027-02-28", "2027-03-31"])

            let moved = try await api.call(.patch, "/api/v1/visits/visit-cece-1?notifyClient=true", ["date": "2026-12-11", "window": NSNull()])
            #expect(moved.status == .ok && moved["date"] as? String == "2026-12-11" && moved["window"] == nil && moved["sequence"] as? Int == 1)
            try await bed.deliverMail()
            #expect(try bed.mail.to("cece@example.com").contains { $0.decodedBody.contains("moved your visit to December 11, 2026, any time that day") })

            let done = try await api.call(.post, "/api/v1/visits/\(id)/complete")
            #expect(done.status == .ok && done["status"] as? String == "completed" && done["completedAt"] as? String != nil)
            let again = try await api.call(.patch, "/api/v1/visits/\(id)", ["crew": "Crew 5"])
            #expect(again.status == .conflict && again.errorCode == "conflict")
            #expect(try await api.call(.post, "/api/v1/visits/visit-cece-2/complete").status == .conflict)
            let cancelled = try await api.call(.post, "/api/v1/visits/visit-cece-3/cancel")
            #expect(cancelled["status"] as? String == "cancelled")

            let noCustomer = try #require(try await api.call(.post, "/api/v1/jobs", ["title": "A lead's job", "stage": "lead"])["id"] as? String)
            for (body, field) in [
                (["jobId": job, "date": "2040-01-01"], "date"), (["jobId": noCustomer, "date": "2026-12-01"], "jobId"),
                (["jobId": job, "date": "2026-12-01", "window": ["start": "10:00", "end": "09:00"]], "window"),
                (["jobId": job, "date": "2026-12-01", "crew": String(repeating: "x", count: 101)], "crew"),
            ] as [([String: Any], String)] {
                let refused = try await api.call(.post, "/api/v1/visits", body)
                #expect([.unprocessableContent, .badRequest].contains(refused.status), "\(field)")
                #expect(((refused["error"] as? [String: Any])?["message"] as? String)?.contains(field) == true, "\(field): \(refused.object)")
            }
            #expect(try await api.call(.post, "/api/v1/visits", ["jobId": "no-such-job", "date": "2026-12-01"]).status == .notFound)
            #expect(try await api.call(.patch, "/api/v1/visits/visit-cece-2", ["date": NSNull()]).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/visit-series", ["jobId": job, "start": "2027-01-01", "cadence": "weekly", "end": ["count": 521]]).status == .unprocessableContent)
            // Another company's visit is the same 404 as a missing one, for every write.
            for (method, path) in [("PATCH", "/api/v1/visits/\(Seed.danaVisit)"), ("POST", "/api/v1/visits/\(Seed.danaVisit)/complete"), ("POST", "/api/v1/visits/\(Seed.danaVisit)/cancel")] {
                #expect(try await api.call(.init(method)!, path, method == "PATCH" ? ["crew": "x"] : nil).status == .notFound, "\(method) \(path)")
            }
        }
        let dana = try #require(try await bed.services.storage.records(Visit.self).find(Seed.danaVisit, in: Seed.accountB))
        #expect(dana.status == .scheduled && dana.crew == nil)
        await bed.remove()
    }

    @Test("#23 V1: GET /api/v1/customers/{id}/portal includes the visits the portal shows: not a cancelled one")
    func portalView() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            _ = try await api.call(.post, "/api/v1/visits/visit-cece-3/cancel")
            let portal = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/portal")
            #expect((portal["visits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == (0..<3).map { "visit-cece-\($0)" })
        }
        await bed.remove()
    }

    @Test("#23: the visit settings are in GET and PATCH /api/v1/settings; a value out of range is a 422 naming it")
    func settings() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            #expect(try await api.call(.get, "/api/v1/settings")["changeCutoffHours"] as? Int == 48)
            let refused = try await api.call(.patch, "/api/v1/settings", ["reminderHour": 24])
            #expect(refused.status == .unprocessableContent && ((refused["error"] as? [String: Any])?["message"] as? String)?.contains("reminderHour") == true)
            let saved = try await api.call(.patch, "/api/v1/settings", ["changeCutoffHours": 12, "reminderHour": 6])
            #expect(saved["changeCutoffHours"] as? Int == 12 && saved["reminderHour"] as? Int == 6 && saved["maxPauseDays"] as? Int == 180)
        }
        await bed.remove()
    }

    @Test("#23: a window of 24:00, 8:00 or one that ends before it starts is a 422 naming the field and why; an Idempotency-Key schedules once")
    func windowsAndKeys() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        let job = try #require(try await bed.services.storage.jobs.all(for: Seed.cece, in: Seed.accountA).first).id.rawValue
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            for (window, message) in [
                (["start": "24:00", "end": "25:00"], "window.start: Expected a time as HH:MM, got \"24:00\"."),
                (["start": "8:00", "end": "10:00"], "window.start: Expected a time as HH:MM, got \"8:00\"."),
                (["start": "10:00", "end": "08:00"], "window.end: The window ends before it starts."),
            ] {
                let refused = try await api.call(.post, "/api/v1/visits", ["jobId": job, "date": "2026-12-01", "window": window])
                #expect(refused.status == .unprocessableContent && refused.errorCode == "invalid", "\(window)")
                #expect((refused["error"] as? [String: Any])?["message"] as? String == message, "\(refused.object)")
            }
            let body: [String: Any] = ["jobId": job, "start": "2027-01-04", "cadence": "weekly", "end": ["count": 2]]
            let first = try await api.call(.post, "/api/v1/visit-series", body, headers: [.init("Idempotency-Key")!: "sync-42"])
            let again = try await api.call(.post, "/api/v1/visit-series", body, headers: [.init("Idempotency-Key")!: "sync-42"])
            #expect(first.status == .created && again.status == .created && first["id"] as? String == again["id"] as? String)
            let visits = try await api.call(.get, "/api/v1/visits?seriesId=\(first["id"] as? String ?? "")&from=2027-01-01")
            #expect((visits["data"] as? [Any])?.count == 2)
        }
        await bed.remove()
    }
}
