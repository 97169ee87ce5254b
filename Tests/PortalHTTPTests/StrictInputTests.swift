import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// A JSON body is read exactly or refused: a field the operation does not know is a 400 that names it, never
/// dropped in silence (a misspelled tax rate made an untaxed invoice and answered 201).
@Suite("Strict JSON input")
struct StrictInputTests {
    @Test("A misspelled field is refused with its name, and nothing is saved")
    func misspelledField() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count
            let typo = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "taxRateBasisPoint": 825,
                "lines": [["description": "Mowing", "quantity": 1, "unitPrice": 4_500]],
            ])
            #expect(typo.status == .badRequest)
            #expect(typo.errorCode == "bad_request")
            #expect(((typo.object["error"] as? [String: Any])?["message"] as? String)?.contains("\"taxRateBasisPoint\"") == true)
            let nested = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "lines": [["description": "Mowing", "quantity": 1, "unitPrise": 4_500]],
            ])
            #expect(nested.status == .badRequest)
            #expect(((nested.object["error"] as? [String: Any])?["message"] as? String)?.contains("\"lines[0].unitPrise\"") == true)
            #expect(try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count == before)

            let correct = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "taxRateBasisPoints": 825, "jobId": NSNull(),
                "lines": [["description": "Mowing", "quantity": 1, "unitPrice": 4_500, "optional": NSNull()]],
            ])
            #expect(correct.status == .created)
            #expect(correct["total"] as? Int == 4_871)
        }
        await bed.remove()
    }

    @Test(
        "NUL (U+0000) is refused in a JSON body, a form and a query, and names nothing in a path, before anything is saved, on every backend",
        arguments: TestStorage.all)
    func nulRefused(backend: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: backend)
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.customers.all(in: Seed.accountA).count
            let json = try await api.call(.post, "/api/v1/customers", ["displayName": "\u{0}nul", "emails": ["nul@example.com"]])
            #expect(json.status == .badRequest)
            #expect(((json.object["error"] as? [String: Any])?["message"] as? String)?.contains("U+0000") == true)
            let search = try await client.execute(
                uri: "/api/v1/customers?q=a%00b", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(search.status == .badRequest)
            // In a path it names no record: the documented 404, in the API's error format.
            let record = try await client.execute(
                uri: "/api/v1/customers/cust%00cece", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(record.status == .notFound)
            #expect(String(buffer: record.body).contains("not_found"))
            var browser = Browser(client)
            _ = try await browser.get("/portal/\(Seed.keyA)/login")
            let form = try await browser.post("/portal/\(Seed.keyA)/login", [("email", "cece@example.com\u{0}")])
            #expect(form.status == .badRequest)
            // Outside the API, a NUL in a path is the "Page not found" page (#25), not an empty body.
            let path = try await browser.get("/portal/\(Seed.keyA)/%00")
            #expect(path.status == .notFound && path.body.contains("Page not found"))
            #expect(try await bed.services.storage.customers.all(in: Seed.accountA).count == before)
        }
        await bed.remove()
    }

    @Test("A settings change of unknown fields only is refused, and the settings stay as they were")
    func unknownSettings() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.accounts.find(Seed.accountA)
            let answer = try await api.call(.patch, "/api/v1/settings", ["alowsPartialPayments": false, "serviceFee": 5])
            #expect(answer.status == .badRequest)
            #expect(try await bed.services.storage.accounts.find(Seed.accountA) == before)
            // A nested object of a known field is checked too.
            let customer = try await api.call(.post, "/api/v1/customers", [
                "displayName": "New", "emails": ["new@example.com"],
                "billingAddress": ["line1": "1 Elm", "city": "Springfield", "region": "IL", "postalCode": "62701", "zip": "x"],
            ])
            #expect(customer.status == .badRequest)
            #expect(((customer.object["error"] as? [String: Any])?["message"] as? String)?.contains("billingAddress.zip") == true)
        }
        await bed.remove()
    }

    @Test("The OpenAPI document forbids unknown fields on every request body it describes")
    func documentSaysSo() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(PortalTemplates.openAPI)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var bodies: Set<String> = []
        for operation in paths.values.flatMap(\.values) {
            guard let body = (operation as? [String: Any])?["requestBody"] as? [String: Any],
                let json = (body["content"] as? [String: Any])?["application/json"] as? [String: Any],
                let reference = (json["schema"] as? [String: Any])?["$ref"] as? String
            else { continue }
            bodies.insert(String(reference.split(separator: "/").last ?? ""))
        }
        #expect(!bodies.isEmpty)
        for name in bodies.union(["LineInput", "Address"]) {
            #expect(schemas[name]?["additionalProperties"] as? Bool == false, "\(name)")
        }
    }

    @Test("A body over the API's limit is a JSON 413 that says the limit, nothing is saved, and the document lists 413 wherever a body is taken")
    func bodyOverTheLimit() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let before = try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count
            let lines = (0..<500).map { _ in ["description": String(repeating: "Mulch ", count: 40), "quantity": 1, "unitPrice": 100] }
            let answer = try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": lines])
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "body_too_large")
            #expect(((answer.object["error"] as? [String: Any])?["message"] as? String)?.contains("64 KiB") == true)
            #expect(try await bed.services.storage.invoices.portalCandidates(for: Seed.cece, in: Seed.accountA).count == before)
        }
        await bed.remove()

        let document = try #require(try JSONSerialization.jsonObject(with: Data(PortalTemplates.openAPI)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let takingBodies = paths.values.flatMap(\.values).compactMap { $0 as? [String: Any] }.filter { $0["requestBody"] != nil }
        #expect(!takingBodies.isEmpty)
        for operation in takingBodies {
            #expect((operation["responses"] as? [String: Any])?["413"] != nil, "\(operation["operationId"] ?? "")")
        }
    }
}
