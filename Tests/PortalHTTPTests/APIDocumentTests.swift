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
