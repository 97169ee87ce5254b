import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// #20: the API's request and response types are written by hand (Decisions.md, "#20 API document"), so this suite
/// holds them to `Docs/openapi.json` field by field: for each schema, a value with every field the document has and
/// one with only its required fields are built from the document and decoded into the type; a response type is
/// encoded again and checked against the schema; a request type reads exactly the document's fields; and each
/// named enum lists the kernel's cases.
@Suite("#20 API types against the document")
struct APITypeContractTests {
    /// The document's component schemas, by name.
    static var schemas: [String: [String: Any]] {
        let document = (try? JSONSerialization.jsonObject(with: Data(contentsOf: APITests.docs))) as? [String: Any] ?? [:]
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]) ?? [:]
    }

    @Test("#20: every response type decodes the document's full and minimal examples and encodes back to its schema")
    func responseTypes() throws {
        try Self.roundTrip(APICustomer.self, "Customer")
        try Self.roundTrip(APIJob.self, "Job")
        try Self.roundTrip(APILine.self, "Line")
        try Self.roundTrip(APIProposal.self, "Proposal")
        try Self.roundTrip(APIInvoice.self, "Invoice")
        try Self.roundTrip(APIPayment.self, "Payment")
        try Self.roundTrip(APILead.self, "Lead")
        try Self.roundTrip(APISettings.self, "Settings")
        try Self.roundTrip(APIPortal.self, "Portal")
        try Self.roundTrip(Address.self, "Address")
        try Self.roundTrip(Acceptance.self, "Acceptance")
        try Self.roundTrip(APIVisit.self, "Visit")
        try Self.roundTrip(APIVisitSeries.self, "VisitSeries")
        try Self.roundTrip(ArrivalWindow.self, "ArrivalWindow")
        try Self.roundTrip(APISavedCard.self, "SavedCard")
        try Self.roundTrip(APISavedCards.self, "SavedCards")
        try Self.roundTrip(APIAutopay.self, "Autopay")
        Self.expectValid(try Self.encoded(APIPage([APIVisit]([try Self.decode(APIVisit.self, Self.example("Visit", full: true))]), offset: 0, limit: 1)), "VisitPage")
        let page = APIPage(try [Self.decode(APICustomer.self, Self.example("Customer", full: true))], offset: 0, limit: 1)
        Self.expectValid(try Self.encoded(page), "CustomerPage")
        Self.expectValid(try Self.encoded(APIPage([APILead](), offset: 0, limit: 1)), "LeadPage")
    }

    @Test("#20: every request type decodes the document's full and minimal examples and reads exactly the document's fields")
    func requestTypes() throws {
        try Self.reads(APINewCustomer.self, "NewCustomer")
        try Self.reads(APINewJob.self, "NewJob")
        try Self.reads(APIJobChange.self, "JobChange")
        try Self.reads(APINewProposal.self, "NewProposal")
        try Self.reads(APIProposalRevision.self, "ProposalRevision")
        try Self.reads(APIStaffAcceptance.self, "StaffAcceptance")
        try Self.reads(APINewInvoice.self, "NewInvoice")
        try Self.reads(APINewPayment.self, "NewPayment")
        try Self.reads(APILeadChange.self, "LeadChange")
        try Self.reads(APISettingsChange.self, "SettingsChange")
        try Self.reads(LineInput.self, "LineInput")
        try Self.reads(LineInput.self, "InvoiceLineInput")
        try Self.reads(APINewVisit.self, "NewVisit")
        try Self.reads(APINewVisitSeries.self, "NewVisitSeries")
        try Self.reads(APIVisitChange.self, "VisitChange")
    }

    @Test("#20: each named enum of the document is the kernel's list of cases, in order")
    func enums() {
        Self.expectEnum("Stage", Job.Stage.allCases.map(\.rawValue))
        Self.expectEnum("CreatedStage", Job.CreatedStage.allCases.map(\.rawValue))
        Self.expectEnum("ProposalStatus", Proposal.Status.allCases.map(\.rawValue))
        Self.expectEnum("AcceptanceChannel", AcceptanceChannel.allCases.map(\.rawValue))
        Self.expectEnum("PaymentMethod", Payment.Method.allCases.map(\.rawValue))
        Self.expectEnum("PaymentSource", Payment.Source.allCases.map(\.rawValue))
        Self.expectEnum("OpenInvoiceRule", OpenInvoiceRule.allCases.map(\.rawValue))
        Self.expectEnum("VisitStatus", Visit.Status.allCases.map(\.rawValue))
        Self.expectEnum("Cadence", VisitSeries.Cadence.allCases.map(\.rawValue))
        let codes = Self.schemas["CurrencyCode"]?["enum"] as? [String] ?? []
        #expect(!codes.isEmpty && codes.allSatisfy { Currency(code: $0) != nil }, "a currency code the server refuses")
        #expect(!codes.contains("XAU") && codes.contains("JPY"))
    }

    @Test("The checker sees what it looks for: a missing required field, an unknown field, a wrong type, a value outside an enum")
    func checkerWorks() {
        let schema: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["a"],
            "properties": ["a": ["type": "integer"], "b": ["$ref": "#/components/schemas/Stage"]],
        ]
        #expect(Self.problems(.object(["a": .int(1), "b": .string("lead")]), schema, at: "x").isEmpty)
        #expect(!Self.problems(.object(["b": .string("lead")]), schema, at: "x").isEmpty)
        #expect(!Self.problems(.object(["a": .int(1), "c": .bool(true)]), schema, at: "x").isEmpty)
        #expect(!Self.problems(.object(["a": .string("1")]), schema, at: "x").isEmpty)
        #expect(!Self.problems(.object(["a": .int(1), "b": .string("sold")]), schema, at: "x").isEmpty)
    }

    // MARK: - Checks

    /// Decodes `type` from the schema's full and minimal examples; what it encodes must be valid by the schema and,
    /// from the full example, carry every field the document has.
    static func roundTrip<T: Codable>(_ type: T.Type, _ schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for full in [true, false] {
            let value = try decode(T.self, example(schema, full: full))
            let json = try encoded(value)
            expectValid(json, schema, sourceLocation: sourceLocation)
            if full, case .object(let fields) = json {
                let documented = Set((schemas[schema]?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
                #expect(Set(fields.keys) == documented, "\(T.self) writes \(fields.keys.sorted()), \(schema) has \(documented.sorted())",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// Decodes `type` from the schema's full and minimal examples, and compares its stored properties with the
    /// schema's fields.
    static func reads<T: Decodable>(_ type: T.Type, _ schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try decode(T.self, example(schema, full: true))
        _ = try decode(T.self, example(schema, full: false))
        let fields = Set(Mirror(reflecting: value).children.compactMap(\.label))
        let documented = Set((schemas[schema]?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        #expect(fields == documented, "\(T.self) reads \(fields.sorted()), \(schema) has \(documented.sorted())", sourceLocation: sourceLocation)
    }

    static func expectEnum(_ schema: String, _ cases: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(schemas[schema]?["enum"] as? [String] == cases, "\(schema)", sourceLocation: sourceLocation)
        #expect(schemas[schema]?["type"] as? String == "string", "\(schema) has a type", sourceLocation: sourceLocation)
    }

    static func expectValid(_ json: JSONValue, _ schema: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = problems(json, ["$ref": "#/components/schemas/\(schema)"], at: schema)
        #expect(found.isEmpty, "\(found)", sourceLocation: sourceLocation)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: Any) throws -> T {
        try StorageJSON.decoder().decode(T.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static func encoded(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: StorageJSON.encoder(pretty: false).encode(value))
    }

    // MARK: - Examples from the document

    static func resolved(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return resolved(schemas[String(reference.split(separator: "/").last ?? "")] ?? [:])
    }

    /// A value the schema allows: with every optional field (`full`) or only the required ones.
    static func example(_ name: String, full: Bool) -> Any {
        example(["$ref": "#/components/schemas/\(name)"], full: full)
    }

    static func example(_ raw: [String: Any], full: Bool) -> Any {
        let schema = resolved(raw)
        if let alternatives = schema["anyOf"] as? [[String: Any]] {
            let chosen = alternatives.first { resolved($0)["type"] as? String != "null" } ?? alternatives[0]
            return example(chosen, full: full)
        }
        if let constant = schema["const"] { return constant }
        if let examples = schema["examples"] as? [Any], let first = examples.first { return first }
        if let values = schema["enum"] as? [Any], let first = values.first { return first }
        switch schema["type"] as? String {
        case "string":
            switch schema["format"] as? String {
            case "date": return "2026-12-05"
            case "date-time": return "2026-12-05T10:00:00Z"
            default: return (schema["pattern"] as? String)?.contains("@") == true ? "dana@example.com" : "x"
            }
        case "integer": return ((schema["minimum"] as? Int) ?? (schema["exclusiveMinimum"] as? Int).map { $0 + 1 }) ?? 1
        case "number": return 1
        case "boolean": return true
        case "array": return [example(schema["items"] as? [String: Any] ?? [:], full: full)]
        case "object":
            let required = Set(schema["required"] as? [String] ?? [])
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            return properties.filter { full || required.contains($0.key) }.mapValues { example($0, full: full) }
        default: return NSNull()
        }
    }

    // MARK: - Checking a value against a schema

    /// What in `value` the schema does not allow: types, required and unknown fields, enums and constants.
    static func problems(_ value: JSONValue, _ raw: [String: Any], at path: String) -> [String] {
        let schema = resolved(raw)
        if let alternatives = schema["anyOf"] as? [[String: Any]] {
            return alternatives.contains { problems(value, $0, at: path).isEmpty } ? [] : ["\(path): matches none of anyOf"]
        }
        if let values = schema["enum"] as? [String] {
            guard case .string(let text) = value, values.contains(text) else { return ["\(path): not one of \(values.prefix(8))"] }
        }
        switch (schema["type"] as? String, value) {
        case ("string", .string), ("integer", .int), ("number", .int), ("number", .double), ("boolean", .bool), ("null", .null), (nil, _):
            return []
        case ("array", .array(let items)):
            return items.enumerated().flatMap { problems($1, schema["items"] as? [String: Any] ?? [:], at: "\(path)[\($0)]") }
        case ("object", .object(let fields)):
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            var found = (schema["required"] as? [String] ?? []).filter { fields[$0] == nil }.map { "\(path).\($0): missing" }
            for (key, field) in fields {
                if let property = properties[key] {
                    found += problems(field, property, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path).\(key): not in the document")
                }
            }
            return found
        default:
            return ["\(path): \(value) is not a \(schema["type"] ?? "?")"]
        }
    }
}

/// A JSON value as JSON has it (a number with no fraction apart from one with one, a Boolean apart from a number).
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
