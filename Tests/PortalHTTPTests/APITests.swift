import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// A JSON API client for route tests.
struct APIClient {
    let client: any TestClientProtocol
    let token: String?

    struct Answer {
        let status: HTTPResponse.Status
        let json: Any?
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
        subscript(key: String) -> Any? { object[key] }
    }

    func call(_ method: HTTPRequest.Method, _ path: String, _ body: Any? = nil, headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: buffer)
        let data = Data(buffer: response.body)
        return Answer(status: response.status, json: data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
    }
}

extension PortalTestbed {
    /// A new API token of `account`.
    func apiToken(for account: Account.ID) async throws -> String {
        let administration = CompanySetup(storage: services.storage, clock: clock, hashing: BcryptHashing())
        return try await administration.createToken(named: "tests", in: account).1.value
    }
}

@Suite("JSON API")
struct APITests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/openapi.json")

    @Test("Every operation in the OpenAPI document exists, every /api/v1 route is documented, and the served document is Docs/openapi.json with this portal as its server")
    func openAPIMatchesRoutes() async throws {
        let bed = try await PortalTestbed()
        let router = try PortalRouter.build(services: bed.services)
        let routed = Set(router.routes.map { "\($0.method.rawValue) " + Self.normalized($0.path.description) }.filter { $0.contains(" /api/v1/") })
            .subtracting(["GET /api/v1/openapi.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.docs)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(routed == documented, "routed but undocumented: \(routed.subtracting(documented)); documented but missing: \(documented.subtracting(routed))")
        try await bed.run { client in
            let served = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(served.status == .ok)
            // #20: Docs/openapi.json, but naming this portal as its server.
            var servedDocument = try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any])
            let servers = try #require(servedDocument.removeValue(forKey: "servers") as? [[String: String]])
            #expect(servers.map { $0["url"] } == [bed.services.publicBaseURL])
            var docs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.docs)) as? [String: Any])
            #expect((docs.removeValue(forKey: "servers") as? [[String: String]])?.map { $0["url"] } == ["http://127.0.0.1:8080"])
            #expect(NSDictionary(dictionary: servedDocument) == NSDictionary(dictionary: docs))
        }
        await bed.remove()
    }

    @Test("#20: one copy of the contract: the compiled-in document is a link to Docs/openapi.json, served with the portal's own address, escaped")
    func oneDocument() throws {
        let resource = Self.docs.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PortalHTTP/Resources/openapi.json")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: resource.path)
        #expect(resource.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL == Self.docs.standardizedFileURL)
        #expect(PortalTemplates.openAPI == Array(try Data(contentsOf: Self.docs)))
        let served = ServedAPIDocument.bytes(base: #"https://portal.example.com/a"b\c"#)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(served)) as? [String: Any])
        #expect((document["servers"] as? [[String: String]])?.first?["url"] == #"https://portal.example.com/a"b\c"#)
        #expect(document["paths"] != nil && document["components"] != nil)
    }

    static func normalized(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    @Test("No token, a wrong one or a revoked one is 401 with the error shape; another account's ids are 404")
    func authorization() async throws {
        let bed = try await PortalTestbed()
        let tokenA = try await bed.apiToken(for: Seed.accountA)
        let tokenB = try await bed.apiToken(for: Seed.accountB)
        try await bed.run { client in
            let none = try await APIClient(client: client, token: nil).call(.get, "/api/v1/customers")
            #expect(none.status == .unauthorized && none.errorCode == "unauthorized")
            #expect(try await APIClient(client: client, token: "not-a-token").call(.get, "/api/v1/customers").status == .unauthorized)
            let a = APIClient(client: client, token: tokenA)
            #expect(try await a.call(.get, "/api/v1/customers/\(Seed.cece)").status == .ok)
            let b = APIClient(client: client, token: tokenB)
            for path in ["/api/v1/customers/\(Seed.cece)", "/api/v1/customers/\(Seed.cece)/portal", "/api/v1/proposals/\(Seed.CeceProposal.open)",
                         "/api/v1/invoices/\(Seed.CeceInvoice.unpaid)", "/api/v1/leads/\(Seed.portalLead)", "/api/v1/jobs/job-lead"] {
                let answer = try await b.call(.get, path)
                #expect(answer.status == .notFound && answer.errorCode == "not_found", "\(path)")
            }
            #expect(try await b.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", [:]).status == .notFound)
            let listB = try await b.call(.get, "/api/v1/customers")
            #expect((listB["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seed.dana.rawValue])

            let tokens = try await bed.services.storage.apiTokens.all(in: Seed.accountA)
            _ = try await CompanySetup(storage: bed.services.storage, clock: bed.clock, hashing: BcryptHashing())
                .revokeToken(try #require(tokens.first).id, in: Seed.accountA)
            #expect(try await a.call(.get, "/api/v1/customers").status == .unauthorized)
        }
        await bed.remove()
    }

    @Test("Customers: paginated list, search, create with a 422 for a bad email")
    func customers() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let first = try await api.call(.get, "/api/v1/customers?limit=3")
            #expect((first["data"] as? [Any])?.count == 3 && first["nextOffset"] as? Int == 3)
            let second = try await api.call(.get, "/api/v1/customers?limit=3&offset=3")
            #expect((second["data"] as? [Any])?.count == 1 && second["nextOffset"] is NSNull)
            #expect(try await api.call(.get, "/api/v1/customers?limit=0").status == .badRequest)
            let found = try await api.call(.get, "/api/v1/customers?q=bob")
            #expect(((found["data"] as? [[String: Any]])?.first?["displayName"] as? String)?.contains("Bob") == true)
            let bad = try await api.call(.post, "/api/v1/customers", ["displayName": "X", "emails": ["nope"]])
            #expect(bad.status == .unprocessableContent && bad.errorCode == "invalid")
            #expect(try await api.call(.post, "/api/v1/customers", ["displayName": 5]).status == .badRequest)
            let created = try await api.call(.post, "/api/v1/customers", ["displayName": "Robin", "emails": ["Robin@Example.com"]])
            #expect(created.status == .created && (created["emails"] as? [String]) == ["robin@example.com"])
        }
        await bed.remove()
    }

    @Test("Staff accept and email-link accept each take the proposal out of that client's portal, seen through /portal")
    func acceptsLeaveThePortal() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            func portalProposals() async throws -> [String] {
                let portal = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/portal")
                return (portal["proposals"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            }
            let before = try await portalProposals()
            #expect(Set(before) == [Seed.CeceProposal.open.rawValue, Seed.CeceProposal.emailed.rawValue, Seed.CeceProposal.acceptedInPortal.rawValue])
            let invoices = try await api.call(.get, "/api/v1/customers/\(Seed.cece)/portal")["invoices"] as? [[String: Any]]
            #expect(Set(invoices?.compactMap { $0["id"] as? String } ?? []) == [Seed.CeceInvoice.unpaid.rawValue, Seed.CeceInvoice.paidRecently.rawValue])

            let accepted = try await api.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", ["signatureName": "Alex at Greenleaf"])
            #expect(accepted.status == .ok && (accepted["acceptance"] as? [String: Any])?["via"] as? String == "staff")
            #expect(try await api.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", [:]).status == .conflict)
            #expect(!(try await portalProposals()).contains(Seed.CeceProposal.open.rawValue))

            var browser = Browser(client)
            let page = try await browser.get("/p/\(Seed.emailedLinkToken.value)")
            _ = try await browser.post("/p/\(Seed.emailedLinkToken.value)/accept", [
                ("version", try #require(page.hiddenField("version"))), ("signature", "Cece"), ("consent", "yes"), ("intent", "accept"),
            ])
            #expect(try await portalProposals() == [Seed.CeceProposal.acceptedInPortal.rawValue])
        }
        await bed.remove()
    }

    @Test("Proposals: create for a job with a customer, send with a link, revise as a new version the old link shows, accepted ones locked")
    func proposals() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let lines: [[String: Any]] = [["description": "Prune oak", "quantity": 1, "unitPrice": 45_000], ["description": "Haul away", "quantity": 1, "unitPrice": 8_000, "optional": true]]
            let orphan = try await api.call(.post, "/api/v1/proposals", ["jobId": "job-lead-phone", "title": "Oak", "lines": lines])
            #expect(orphan.status == .unprocessableContent)
            let job = try await api.call(.post, "/api/v1/jobs", ["customerId": Seed.cece.rawValue, "title": "Oak care", "stage": "proposal"])
            #expect(job.status == .created && job["createdStage"] as? String == "proposal")
            let jobID = try #require(job["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/proposals", ["jobId": jobID, "title": "Oak", "lines": []]).status == .unprocessableContent)
            let created = try await api.call(.post, "/api/v1/proposals", ["jobId": jobID, "title": "Oak pruning", "lines": lines, "taxRateBasisPoints": 800])
            #expect(created.status == .created && created["status"] as? String == "draft" && created["total"] as? Int == 48_600)
            let id = try #require(created["id"] as? String)
            let sent = try await api.call(.post, "/api/v1/proposals/\(id)/send")
            #expect(sent["status"] as? String == "sent" && sent["expiresOn"] is String)
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.contains("Oak pruning") == true })
            let link = try #require(mail.link(startingWith: "\(PortalTestbed.base)/p/"))
            let linkPath = String(link.dropFirst(PortalTestbed.base.count))

            let revised = try await api.call(.put, "/api/v1/proposals/\(id)", ["title": "Oak pruning, revised", "lines": lines, "taxRateBasisPoints": 800])
            #expect(revised["version"] as? Int == 2 && revised["status"] as? String == "sent" && revised["id"] as? String != id)
            #expect(try await api.call(.get, "/api/v1/proposals/\(id)")["status"] as? String == "superseded")
            var browser = Browser(client)
            let old = try await browser.get(linkPath)
            #expect(old.body.contains("This proposal was updated") && old.body.contains("Oak pruning, revised"))

            let newID = try #require(revised["id"] as? String)
            _ = try await api.call(.post, "/api/v1/proposals/\(newID)/accept", ["signatureName": "Alex"])
            let locked = try await api.call(.put, "/api/v1/proposals/\(newID)", ["title": "More", "lines": lines])
            #expect(locked.status == .conflict)
            #expect(((locked["error"] as? [String: Any])?["message"] as? String)?.contains("locked") == true)
            #expect(try await bed.services.storage.jobs.find(Job.ID(rawValue: jobID), in: Seed.accountA)?.stage == .active)
        }
        await bed.remove()
    }

    @Test("#20 Invoices: create (another customer's job refused), send, a payment recorded once per Idempotency-Key, void refused once paid")
    func invoices() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let created = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "lines": [["description": "Aeration", "quantity": 1, "unitPrice": 12_000]],
            ])
            #expect(created.status == .created && created["number"] as? String == "INV-1001" && created["balance"] as? Int == 12_000)
            let id = try #require(created["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.dana.rawValue, "lines": [["description": "x", "quantity": 1, "unitPrice": 1]]]).status == .notFound)
            // #20: the job of another customer is not this invoice's job.
            let bobsJob = try #require(try await api.call(.post, "/api/v1/jobs", ["customerId": Seed.bob.rawValue, "title": "Bob's hedge", "stage": "proposal"])["id"] as? String)
            let crossed = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "jobId": bobsJob, "lines": [["description": "x", "quantity": 1, "unitPrice": 1]],
            ])
            #expect(crossed.status == .unprocessableContent && crossed.errorCode == "invalid")
            let sent = try await api.call(.post, "/api/v1/invoices/\(id)/send")
            #expect(sent["sentAt"] is String)
            bed.clock.advance(by: 60)  // the timeline orders by time; the test clock otherwise stands still
            #expect(try await api.call(.post, "/api/v1/invoices/\(id)/payments", ["amount": 5_000, "method": "check"]).status == .badRequest)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "check-1042"]
            let paid = try await api.call(.post, "/api/v1/invoices/\(id)/payments", ["amount": 5_000, "method": "check"], headers: key)
            let again = try await api.call(.post, "/api/v1/invoices/\(id)/payments", ["amount": 5_000, "method": "check"], headers: key)
            #expect(paid.status == .created && again.status == .created && paid["id"] as? String == again["id"] as? String)
            #expect(try await api.call(.get, "/api/v1/invoices/\(id)")["balance"] as? Int == 7_000)
            let reused = try await api.call(.post, "/api/v1/invoices/\(id)/payments", ["amount": 1_000, "method": "check"], headers: key)
            #expect(reused.status == .conflict)
            let tooMuch = try await api.call(.post, "/api/v1/invoices/\(id)/payments", ["amount": 99_000, "method": "cash"], headers: [HTTPField.Name("Idempotency-Key")!: "k2"])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/invoices/\(id)/void").status == .conflict)
            let timeline = try await bed.services.storage.auditEvents.all(about: .invoice(Invoice.ID(rawValue: id)), in: Seed.accountA)
            #expect(timeline.map(\.action).filter { $0 != .invoiceCreated } == [.invoiceSent, .paymentRecorded])
            // #20: every write through the API is in the trail, with the token that made it.
            #expect(timeline.count == 3 && timeline.allSatisfy { if case .apiToken = $0.actor { true } else { false } })
        }
        await bed.remove()
    }

    @Test("F7, #20 Leads: listed with portalLead, converted to a new customer or attached to an existing one, not both at once, nothing saved of a refused change")
    func leads() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let portal = try await api.call(.get, "/api/v1/leads?portalLead=true")
            #expect((portal["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seed.portalLead.rawValue])
            #expect(try await api.call(.get, "/api/v1/leads?portalLead=null").status == .badRequest)
            let both = try await api.call(.patch, "/api/v1/leads/\(Seed.phoneLead)", [
                "customerId": Seed.cece.rawValue, "newCustomer": ["displayName": "Riley Stone", "emails": []],
            ])
            #expect(both.status == .unprocessableContent)
            // #20: one change, saved whole or not at all: a blank title keeps the new customer out too.
            let customersBefore = try await bed.services.storage.customers.all(in: Seed.accountA).count
            let blank = try await api.call(.patch, "/api/v1/leads/\(Seed.phoneLead)", [
                "newCustomer": ["displayName": "Riley Stone", "emails": ["riley@example.net"]], "job": ["title": "  "],
            ])
            #expect(blank.status == .unprocessableContent)
            #expect(try await bed.services.storage.customers.all(in: Seed.accountA).count == customersBefore)
            let converted = try await api.call(.patch, "/api/v1/leads/\(Seed.phoneLead)", [
                "newCustomer": ["displayName": "Riley Stone", "emails": ["riley@example.net"]], "job": ["stage": "proposal", "title": "Ash removal"],
            ])
            #expect(converted.status == .ok && converted["customerId"] is String && converted["stage"] as? String == "proposal")
            let attached = try await api.call(.patch, "/api/v1/leads/\(Seed.portalLead)", ["customerId": Seed.cece.rawValue])
            #expect(attached["customerId"] as? String == Seed.cece.rawValue)
            #expect(try await api.call(.patch, "/api/v1/leads/\(Seed.portalLead)", ["customerId": Seed.dana.rawValue]).status == .notFound)
        }
        await bed.remove()
    }

    @Test("A method a documented path does not serve is 405 with Allow; a path the API does not have is a 404 in the API's error shape")
    func methodNotAllowed() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            try await client.execute(uri: "/api/v1/leads/\(Seed.phoneLead)", method: .trace) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, PATCH")
            }
            try await client.execute(uri: "/api/v1/customers", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, POST")
            }
            for (uri, method) in [("/api/v1/no-such-thing", HTTPRequest.Method.trace), ("/api/v1/no-such-thing", .get), ("/api/v2/customers", .post), ("/api/", .get)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(method) \(uri)")
                    let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect((body?["error"] as? [String: Any])?["code"] as? String == "not_found", "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/admin/leads", method: .trace) { #expect($0.status == .notFound) }
        }
        await bed.remove()
    }

    @Test("Settings and the portal link: read, change, and a bad address is 422 with nothing saved")
    func settings() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            #expect(try await api.call(.get, "/api/v1/portal-link")["url"] as? String == "\(PortalTestbed.base)/portal/greenleaf")
            let bad = try await api.call(.patch, "/api/v1/settings", ["leadNotificationEmails": ["ok@example.com", "bad"], "proposalExpiryDays": 10])
            #expect(bad.status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/settings")["proposalExpiryDays"] as? Int == 30)
            let changed = try await api.call(.patch, "/api/v1/settings", ["leadNotificationEmails": ["ok@example.com"], "serviceFeeBasisPoints": 275])
            #expect(changed["leadNotificationEmails"] as? [String] == ["ok@example.com"] && changed["serviceFeeBasisPoints"] as? Int == 275)
        }
        await bed.remove()
    }

    @Test("Jobs change stage; a lead reads back; an invitation is queued; bad input is 400 or 422")
    func jobsLeadsInvitations() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            #expect(try await api.call(.post, "/api/v1/jobs", ["title": "", "stage": "lead"]).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/jobs", ["title": "x", "stage": "completed"]).status == .badRequest)
            #expect(try await api.call(.post, "/api/v1/jobs", ["title": "x", "stage": "lead", "customerId": Seed.dana.rawValue]).status == .notFound)
            let changed = try await api.call(.patch, "/api/v1/jobs/job-active", ["stage": "completed"])
            #expect(changed["stage"] as? String == "completed" && changed["createdStage"] as? String == "active")
            let lead = try await api.call(.get, "/api/v1/leads/\(Seed.portalLead)")
            #expect(lead["portalLead"] as? Bool == true && lead["name"] as? String == "Jordan MARK-LEAD-PORTAL")
            #expect(try await api.call(.post, "/api/v1/customers/\(Seed.bob)/invitation").status == .accepted)
            let queued = try await bed.services.storage.outbox.all(about: .customer(Seed.bob), in: Seed.accountA)
            #expect(queued.count == 1 && queued.first?.email?.to.first?.address == "bob@example.com")
        }
        await bed.remove()
    }

    @Test("The same Idempotency-Key sent many times at once records one payment")
    func concurrentStaffPayments() async throws {
        let bed = try await PortalTestbed()
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let desk = Billing(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let payments = try await withThrowingTaskGroup(of: Payment.ID.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await desk.recordPayment(
                        on: Seed.CeceInvoice.unpaid, amount: Money(cents: 2_500), method: .check, idempotencyKey: "check-77", in: account, by: nil
                    ).0.id
                }
            }
            return try await group.reduce(into: Set<Payment.ID>()) { $0.insert($1) }
        }
        #expect(payments.count == 1)
        #expect(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA)?.amountPaid == Money(cents: 2_500))
        await bed.remove()
    }
}
