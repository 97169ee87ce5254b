import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #20: the API says what is wrong in its own words: the field as the document names it, what it accepts there.
@Suite("API contract")
struct APIContractTests {
    @Test("#20: a value of the wrong kind, an unknown enum value and a missing field name the field and what the document accepts there")
    func decodingErrors() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            func message(_ answer: APIClient.Answer) -> String? { (answer.object["error"] as? [String: Any])?["message"] as? String }
            let wrongKind = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "lines": [["description": "Aeration", "quantity": "x", "unitPrice": 100]],
            ])
            #expect(wrongKind.status == .badRequest)
            #expect(message(wrongKind) == "lines[0].quantity: expected a number.")
            let stage = try await api.call(.post, "/api/v1/jobs", ["customerId": Seed.cece.rawValue, "title": "Oak care", "stage": "nope"])
            #expect(stage.status == .badRequest)
            #expect(message(stage)?.hasPrefix("stage: expected one of ") == true, "\(message(stage) ?? "")")
            #expect(message(stage)?.contains("proposal") == true && message(stage)?.contains("Stage") == false)
            let missing = try await api.call(.post, "/api/v1/invoices", ["lines": [["description": "Aeration", "quantity": 1, "unitPrice": 100]]])
            #expect(missing.status == .badRequest)
            #expect(message(missing)?.hasPrefix("customerId: required") == true, "\(message(missing) ?? "")")
            let notAnObject = try await api.call(.post, "/api/v1/invoices", [1, 2])
            #expect(notAnObject.status == .badRequest)
            #expect(message(notAnObject)?.hasPrefix("The body must be a JSON object") == true)
        }
        await bed.remove()
    }

    @Test("#20: a quantity too large is told it is too large; a fee out of range is told in basis points under its API name, with every other problem")
    func ruleMessages() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            func message(_ answer: APIClient.Answer) -> String? { (answer.object["error"] as? [String: Any])?["message"] as? String }
            let large = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "lines": [["description": "Aeration", "quantity": 10_000_000, "unitPrice": 100]],
            ])
            #expect(large.status == .unprocessableContent)
            #expect(message(large) == "lines[0].quantity: Line 1: the quantity must be at most 1,000,000.")
            let fee = try await api.call(.patch, "/api/v1/settings", ["serviceFeeBasisPoints": 1_001, "timeZone": "Mars/Olympus"])
            #expect(fee.status == .unprocessableContent)
            let text = message(fee) ?? ""
            #expect(text.contains("serviceFeeBasisPoints: a whole number from 0 to 1000") && !text.contains("serviceFeePercent"), "\(text)")
            #expect(text.contains("timeZone:"), "every problem, not the first: \(text)")
        }
        await bed.remove()
    }

    @Test("#20: PATCH is JSON Merge Patch: null clears a work date or a list, and is a 422 naming the field where a value cannot be cleared")
    func mergePatch() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            func message(_ answer: APIClient.Answer) -> String? { (answer.object["error"] as? [String: Any])?["message"] as? String }
            let job = try await api.call(.post, "/api/v1/jobs", ["customerId": Seed.cece.rawValue, "title": "Oak care", "stage": "proposal", "workDate": "2026-12-05"])
            let id = try #require(job["id"] as? String)
            #expect(job["workDate"] as? String == "2026-12-05")
            let cleared = try await api.call(.patch, "/api/v1/jobs/\(id)", ["workDate": NSNull()])
            #expect(cleared.status == .ok && cleared["workDate"] == nil)
            #expect(try await api.call(.get, "/api/v1/jobs/\(id)")["workDate"] == nil, "the date is gone for good")
            let untouched = try await api.call(.patch, "/api/v1/jobs/\(id)", ["stage": "active"])
            #expect(untouched["title"] as? String == "Oak care" && untouched["stage"] as? String == "active")
            for field in ["title", "stage"] {
                let refused = try await api.call(.patch, "/api/v1/jobs/\(id)", [field: NSNull()])
                #expect(refused.status == .unprocessableContent && message(refused)?.hasPrefix("\(field): cannot be null") == true, "\(field)")
            }
            #expect(try await api.call(.patch, "/api/v1/jobs/\(id)", ["title": "  "]).status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/jobs/\(id)")["title"] as? String == "Oak care")

            #expect(try await api.call(.patch, "/api/v1/settings", ["leadFormAllowedOrigins": ["https://greenleaf.example"]]).status == .ok)
            let emptied = try await api.call(.patch, "/api/v1/settings", ["leadFormAllowedOrigins": NSNull()])
            #expect(emptied.status == .ok && (emptied["leadFormAllowedOrigins"] as? [String]) == [])
            let zone = try await api.call(.patch, "/api/v1/settings", ["timeZone": NSNull()])
            #expect(zone.status == .unprocessableContent && message(zone)?.hasPrefix("timeZone: cannot be null") == true)
        }
        await bed.remove()
    }

    @Test("#20: every write through the API leaves an audit event naming the token: settings, customers, invitations, jobs, leads, proposals and their acceptance")
    func writesAreAudited() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.auditEvents.recent(in: Seed.accountA, limit: 1_000).count
            #expect(try await api.call(.patch, "/api/v1/settings", ["proposalExpiryDays": 20]).status == .ok)
            let customer = try #require(try await api.call(.post, "/api/v1/customers", ["displayName": "Riley Stone", "emails": ["riley@example.net"]])["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/customers/\(customer)/invitation").status == .accepted)
            let job = try #require(try await api.call(.post, "/api/v1/jobs", ["customerId": customer, "title": "Ash removal", "stage": "proposal"])["id"] as? String)
            #expect(try await api.call(.patch, "/api/v1/jobs/\(job)", ["stage": "active"]).status == .ok)
            #expect(try await api.call(.patch, "/api/v1/leads/\(Seed.phoneLead)", ["customerId": customer]).status == .ok)
            let proposal = try #require(try await api.call(.post, "/api/v1/proposals", [
                "jobId": job, "title": "Ash removal", "lines": [["description": "Remove the ash", "quantity": 1, "unitPrice": 50_000]],
            ])["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/proposals/\(proposal)/send").status == .ok)
            #expect(try await api.call(.post, "/api/v1/proposals/\(proposal)/accept", ["signatureName": "Riley Stone"]).status == .ok)
            let events = try await bed.services.storage.auditEvents.recent(in: Seed.accountA, limit: 1_000)
            let new = events.prefix(events.count - before)
            #expect(Set(new.map(\.action)).isSuperset(of: [
                .settingsChanged, .customerCreated, .customerInvited, .jobCreated, .jobChanged, .leadConverted, .proposalCreated,
                .proposalAccepted,
            ]))
            #expect(new.allSatisfy { if case .apiToken = $0.actor { true } else { false } })
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.settings.proposalExpiryDays == 20)
        }
        await bed.remove()
    }
}
