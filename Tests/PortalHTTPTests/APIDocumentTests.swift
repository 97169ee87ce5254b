import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// The OpenAPI document as `/api/v1/openapi.json` serves it: what client generators read, so it must say what the
/// server does (#20).
@Suite("API document")
struct APIDocumentTests {
    @Test("Creating a proposal requires its job (NewProposal); a revision has no job (ProposalRevision), and the server holds to both")
    func proposalBodies() async throws {
        try await Self.withServedDocument { document in
            let schemas = try Self.schemas(of: document)
            #expect(Self.requestBody(of: document, "post", "/api/v1/proposals") == "#/components/schemas/NewProposal")
            #expect(Self.requestBody(of: document, "put", "/api/v1/proposals/{id}") == "#/components/schemas/ProposalRevision")
            let new = try #require(schemas["NewProposal"] as? [String: Any])
            #expect((new["required"] as? [String])?.contains("jobId") == true)
            #expect(((new["properties"] as? [String: Any])?["jobId"] as? [String: Any])?["type"] as? String == "string")
            let revision = try #require(schemas["ProposalRevision"] as? [String: Any])
            #expect((revision["properties"] as? [String: Any])?["jobId"] == nil)
            #expect(schemas["ProposalContent"] == nil)
        }
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let lines: [[String: Any]] = [["description": "Prune oak", "quantity": 1, "unitPrice": 45_000]]
            let noJob = try await api.call(.post, "/api/v1/proposals", ["title": "Oak", "lines": lines])
            #expect(noJob.status == .badRequest && noJob.errorCode == "bad_request")
            let withJob = try await api.call(.put, "/api/v1/proposals/\(Seed.CeceProposal.draft)", ["jobId": "job-active", "title": "Oak", "lines": lines])
            #expect(withJob.status == .badRequest && withJob.errorCode == "bad_request")
            let revised = try await api.call(.put, "/api/v1/proposals/\(Seed.CeceProposal.draft)", ["title": "Oak", "lines": lines])
            #expect(revised.status == .ok && revised["title"] as? String == "Oak")
        }
        await bed.remove()
    }

    @Test("Every enum is a named component schema with a type, no schema uses `not`, none is called Error, and every $ref resolves")
    func structure() async throws {
        try await Self.withServedDocument { document in
            let schemas = try Self.schemas(of: document)
            #expect(schemas["Error"] == nil && schemas["ErrorResponse"] != nil)
            var problems: [String] = []
            Self.visitSchemas(in: document, at: "#") { schema, place in
                if schema["enum"] != nil {
                    if schema["type"] == nil { problems.append("\(place): an enum without a type") }
                    if !place.hasPrefix("#/components/schemas/") || place.dropFirst("#/components/schemas/".count).contains("/") {
                        problems.append("\(place): an inline enum")
                    }
                }
                if schema["not"] != nil { problems.append("\(place): a `not` clause") }
                if let reference = schema["$ref"] as? String {
                    let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
                    if schemas[name] == nil { problems.append("\(place): \(reference) names no schema") }
                }
            }
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test("Every schema, every property and every parameter has a description")
    func descriptions() async throws {
        try await Self.withServedDocument { document in
            var missing: [String] = []
            func described(_ node: Any?) -> Bool { ((node as? [String: Any])?["description"] as? String)?.isEmpty == false }
            for (name, schema) in try Self.schemas(of: document) {
                if !described(schema) { missing.append("#/components/schemas/\(name)") }
            }
            Self.visitSchemas(in: document, at: "#") { schema, place in
                for (field, property) in schema["properties"] as? [String: Any] ?? [:] where !described(property) {
                    missing.append("\(place)/properties/\(field)")
                }
                for case let parameter as [String: Any] in schema["parameters"] as? [Any] ?? [] where !described(parameter) {
                    missing.append("\(place)/parameters/\(parameter["name"] as? String ?? "?")")
                }
            }
            #expect(missing.isEmpty, "\(missing.sorted())")
        }
    }

    @Test("The limits the document adds are the server's: a value just past each is refused, and what the server keeps is allowed")
    func limits() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let line: [String: Any] = ["description": "Prune oak", "quantity": 1, "unitPrice": 45_000]
            let draft = "/api/v1/proposals/\(Seed.CeceProposal.draft)"
            // Not blank: the server trims tabs and the Unicode space separators (the document's pattern names them).
            for blank in ["\u{3000}\t", "\u{A0}", " "] {
                let statuses = [
                    try await api.call(.put, draft, ["title": blank, "lines": [line]]).status,
                    try await api.call(.put, draft, ["title": "Oak", "lines": [["description": blank, "quantity": 1, "unitPrice": 1]]]).status,
                    try await api.call(.post, "/api/v1/jobs", ["title": blank, "stage": "lead"]).status,
                    try await api.call(.post, "/api/v1/customers", ["displayName": blank, "emails": ["a@example.com"]]).status,
                    try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "number": blank, "lines": [line]]).status,
                ]
                #expect(statuses.allSatisfy { $0 == .unprocessableContent }, "\(blank.unicodeScalars.map(\.value)): \(statuses)")
            }
            // A line break, a control character or a hidden direction change inside a name or title is refused, as the
            // patterns say; tabs and spaces around it are trimmed, and a job's title is trimmed of line breaks too (#20:
            // one job-title rule, `Job.titleProblem`).
            for hidden in ["\n", "A\nB", "A\u{202E}B", "A\u{2066}B", "A\u{7}B"] {
                let statuses = [
                    try await api.call(.put, draft, ["title": hidden, "lines": [line]]).status,
                    try await api.call(.post, "/api/v1/jobs", ["title": hidden, "stage": "lead"]).status,
                    try await api.call(.post, "/api/v1/customers", ["displayName": hidden, "emails": ["b@example.com"]]).status,
                    try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "number": hidden, "lines": [line]]).status,
                ]
                #expect(statuses.allSatisfy { $0 == .unprocessableContent }, "\(hidden.unicodeScalars.map(\.value)): \(statuses)")
            }
            #expect(try await api.call(.post, "/api/v1/customers", ["displayName": "\tNguyễn 👨‍👩‍👧\t", "emails": ["b@example.com"]]).status == .created)
            #expect(try await api.call(.post, "/api/v1/jobs", ["title": "\nSpring clean-up\n", "stage": "lead"]).status == .created)
            // A proposal title is at most 200 characters, counted as given.
            #expect(try await api.call(.put, draft, ["title": String(repeating: "\u{E9}", count: 200), "lines": [line]]).status == .ok)
            #expect(try await api.call(.put, draft, ["title": String(repeating: "\u{E9}", count: 201), "lines": [line]]).status == .unprocessableContent)
            // An invoice line is never optional; a proposal has a line that is not.
            let optional: [String: Any] = ["description": "Haul away", "quantity": 1, "unitPrice": 8_000, "optional": true]
            #expect(try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": [line, optional]]).status == .unprocessableContent)
            #expect(try await api.call(.put, draft, ["title": "Oak", "lines": [optional]]).status == .unprocessableContent)
            // A currency is an ISO 4217 code; a payment is at most 10^13 minor units.
            #expect(try await api.call(.patch, "/api/v1/settings", ["currency": "ABC"]).status == .unprocessableContent)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "limit-1"]
            let payment = ["amount": 10_000_000_000_001, "method": "cash"] as [String: Any]
            #expect(try await api.call(.post, "/api/v1/invoices/\(Seed.CeceInvoice.unpaid)/payments", payment, headers: key).status == .unprocessableContent)
            // A signature of blanks and line breaks, or of one character, is refused.
            #expect(try await api.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", ["signatureName": " \n\u{2028} "]).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", ["signatureName": "A"]).status == .unprocessableContent)
        }
        await bed.remove()
    }

    /// Calls `visit` with every JSON object in `node` that sits where a schema keyword may (not the name map of
    /// `properties` itself, whose keys are field names), with its place as a JSON pointer.
    static func visitSchemas(in node: Any, at place: String, _ visit: ([String: Any], String) -> Void) {
        if let object = node as? [String: Any] {
            visit(object, place)
            for (key, value) in object {
                if key == "properties", let fields = value as? [String: Any] {
                    for (field, schema) in fields { visitSchemas(in: schema, at: "\(place)/properties/\(field)", visit) }
                } else {
                    visitSchemas(in: value, at: "\(place)/\(key)", visit)
                }
            }
        } else if let list = node as? [Any] {
            for (index, item) in list.enumerated() { visitSchemas(in: item, at: "\(place)/\(index)", visit) }
        }
    }

    /// Runs `check` on the parsed document the API serves.
    @Test("A name's and a title's pattern is the server's single-line rule: trimmed edges, no line break, control or direction control inside")
    func singleLinePatterns() async throws {
        try await Self.withServedDocument { document in
            let schemas = try Self.schemas(of: document)
            func pattern(_ schema: String, _ property: String) throws -> NSRegularExpression {
                let node = try #require((schemas[schema] as? [String: Any])?["properties"] as? [String: Any])[property] as? [String: Any]
                let text = try #require((node?["pattern"] as? String) ?? ((node?["anyOf"] as? [[String: Any]])?.first?["pattern"] as? String))
                return try NSRegularExpression(pattern: text)
            }
            for (schema, property) in [
                ("NewCustomer", "displayName"), ("NewInvoice", "number"), ("NewProposal", "title"), ("NewJob", "title"), ("LineInput", "description"),
                ("InvoiceLineInput", "description"), ("StaffAcceptance", "signatureName"),
            ] {
                let regex = try pattern(schema, property)
                func matches(_ value: String) -> Bool {
                    regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
                }
                for kept in ["Oak", "\tNguyễn 👨‍👩‍👧\t", "שלום\u{200F} 12"] { #expect(matches(kept), "\(schema).\(property): \(kept)") }
                for refused in ["A\u{202E}B", "A\u{2066}B", "A\u{7}B", "A\tB", "A\u{85}B", " ", ""] {
                    #expect(!matches(refused), "\(schema).\(property): \(refused.unicodeScalars.map(\.value))")
                    #expect(SingleLineText.problem(refused.trimmingCharacters(in: .whitespaces), naming: "It") != nil || refused.trimmingCharacters(in: .whitespaces).isEmpty)
                }
            }
        }
    }

    static func withServedDocument(_ check: @Sendable ([String: Any]) throws -> Void) async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            try check(try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]))
        }
        await bed.remove()
    }

    static func schemas(of document: [String: Any]) throws -> [String: Any] {
        try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    }

    /// The `$ref` of an operation's JSON request body.
    static func requestBody(of document: [String: Any], _ method: String, _ path: String) -> String? {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let content = (operation?["requestBody"] as? [String: Any])?["content"] as? [String: Any]
        return ((content?["application/json"] as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String
    }
}
