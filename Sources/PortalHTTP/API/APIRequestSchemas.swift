import Foundation

/// The request bodies the OpenAPI document describes, used to refuse a field no operation knows (a misspelled
/// `taxRateBasisPoint` would otherwise be dropped in silence and the invoice made without tax). The document says
/// the same with `additionalProperties: false`, and the tests keep it equal to the routes, so the server refuses
/// exactly what the document forbids.
struct APIRequestSchemas: Sendable {
    /// Each operation's body schema, by method and documented path.
    private let operations: [(method: String, path: APIPathTemplate, schema: Schema)]

    /// A schema as far as field names and error messages go: the fields an object takes, what an array holds, the
    /// alternatives of an `anyOf`, and what a plain value must be, in words (`a whole number`, `one of lead,
    /// proposal, active`; `nil` when the document does not say).
    indirect enum Schema: Sendable {
        case object([String: Schema])
        case array(Schema)
        case anyOf([Schema])
        case value(String?)
    }

    /// The shared instance over the bundled document.
    static let bundled = APIRequestSchemas(openAPI: PortalTemplates.openAPI)

    init(openAPI: [UInt8]) {
        let document = (try? JSONSerialization.jsonObject(with: Data(openAPI))) as? [String: Any] ?? [:]
        let components = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        operations = paths.flatMap { path, methods in
            methods.compactMap { method, operation -> (String, APIPathTemplate, Schema)? in
                guard let body = (operation as? [String: Any])?["requestBody"] as? [String: Any],
                    let json = (body["content"] as? [String: Any])?["application/json"] as? [String: Any],
                    let schema = json["schema"]
                else { return nil }
                return (method.uppercased(), APIPathTemplate(path), Self.read(schema, components: components, depth: 0))
            }
        }
    }

    /// The dotted place of the first field in `body` that the operation's schema does not know
    /// (`lines[0].unitPrise`), or `nil`.
    func unknownField(in body: Any, method: String, path: String) -> String? {
        guard let operation = operations.first(where: { $0.method == method && $0.path.matches(path) }) else { return nil }
        return Self.unknownField(in: body, schema: operation.schema, at: "")
    }

    /// Why the body could not be read, in the API's words (#20): the field as the document names it
    /// (`lines[0].quantity`) and what it accepts there, by the document (`expected a number`).
    func explain(_ error: DecodingError, method: String, path: String) -> String {
        let schema = operations.first { $0.method == method && $0.path.matches(path) }?.schema
        let (context, missing): (DecodingError.Context?, CodingKey?) =
            switch error {
            case .keyNotFound(let key, let context): (context, key)
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): (context, nil)
            @unknown default: (nil, nil)
            }
        let keys = (context?.codingPath ?? []) + (missing.map { [$0] } ?? [])
        guard !keys.isEmpty else { return "The body must be a JSON object, as the operation's schema in /api/v1/openapi.json says." }
        let field = Self.place(of: keys)
        let expected = schema.flatMap { Self.expectation(in: $0, at: keys) }
        if missing != nil { return "\(field): required\(expected.map { ", \($0)" } ?? "")." }
        if case .valueNotFound = error { return "\(field): cannot be null\(expected.map { "; expected \($0)" } ?? "")." }
        return "\(field): expected \(expected ?? "another kind of value")."
    }

    /// Whether the document lists the values the field at `keys` takes (an `enum`): a value outside the list is of the
    /// wrong kind (400), where a value the document allows but the server's rules refuse is invalid (422).
    func isEnum(at keys: [CodingKey], method: String, path: String) -> Bool {
        guard let schema = operations.first(where: { $0.method == method && $0.path.matches(path) })?.schema else { return false }
        return Self.expectation(in: schema, at: keys)?.hasPrefix("one of ") == true
    }

    /// The field at `keys` as the document names it: `lines[0].quantity`.
    static func place(of keys: [CodingKey]) -> String {
        String(keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix("."))
    }

    /// What the document accepts at `keys` under `schema`, in words.
    private static func expectation(in schema: Schema, at keys: [CodingKey]) -> String? {
        guard let key = keys.first else { return words(schema) }
        switch schema {
        case .object(let fields): return fields[key.stringValue].flatMap { expectation(in: $0, at: Array(keys.dropFirst())) }
        case .array(let items): return key.intValue == nil ? nil : expectation(in: items, at: Array(keys.dropFirst()))
        case .anyOf(let alternatives): return alternatives.lazy.compactMap { expectation(in: $0, at: keys) }.first
        case .value: return nil
        }
    }

    private static func words(_ schema: Schema) -> String? {
        switch schema {
        case .object: "an object"
        case .array: "a list"
        case .value(let words): words
        case .anyOf(let alternatives): alternatives.compactMap(words).joined(separator: " or ")
        }
    }

    private static func unknownField(in value: Any, schema: Schema, at place: String) -> String? {
        switch schema {
        case .object(let fields):
            guard let object = value as? [String: Any] else { return nil }
            for key in object.keys.sorted() {
                let here = place.isEmpty ? key : "\(place).\(key)"
                guard let field = fields[key] else { return here }
                if let unknown = unknownField(in: object[key] as Any, schema: field, at: here) { return unknown }
            }
            return nil
        case .array(let items):
            guard let array = value as? [Any] else { return nil }
            for (index, item) in array.enumerated() {
                if let unknown = unknownField(in: item, schema: items, at: "\(place)[\(index)]") { return unknown }
            }
            return nil
        case .anyOf(let alternatives):
            // The alternatives that fit the value's shape decide (`null` and plain values fit none): a field is
            // unknown only when every one of them refuses it (`{"count": 3}` fits the second of two objects).
            let fitting = alternatives.filter { alternative in
                switch alternative {
                case .object: value is [String: Any]
                case .array: value is [Any]
                default: false
                }
            }
            let unknown = fitting.map { unknownField(in: value, schema: $0, at: place) }
            return unknown.contains { $0 == nil } ? nil : unknown.first ?? nil
        case .value:
            return nil
        }
    }

    /// Reads a JSON schema, following `$ref`s into `components` (to a bounded depth: the document is ours, but a
    /// cycle must not hang start-up).
    private static func read(_ raw: Any, components: [String: Any], depth: Int) -> Schema {
        guard depth < 16, let schema = raw as? [String: Any] else { return .value(nil) }
        if let reference = schema["$ref"] as? String, let name = reference.split(separator: "/").last {
            return read(components[String(name)] as Any, components: components, depth: depth + 1)
        }
        if let alternatives = schema["anyOf"] as? [Any] {
            return .anyOf(alternatives.map { read($0, components: components, depth: depth + 1) })
        }
        if let properties = schema["properties"] as? [String: Any] {
            return .object(properties.mapValues { read($0, components: components, depth: depth + 1) })
        }
        if let items = schema["items"] {
            return .array(read(items, components: components, depth: depth + 1))
        }
        return .value(words(value: schema))
    }

    /// A plain value's schema in words: its `enum`, or its type and format.
    private static func words(value schema: [String: Any]) -> String? {
        if let values = schema["enum"] as? [Any] {
            return "one of " + values.map { $0 is NSNull ? "null" : "\($0)" }.joined(separator: ", ")
        }
        return switch (schema["type"] as? String, schema["format"] as? String) {
        case ("integer", _): "a whole number"
        case ("number", _): "a number"
        case ("boolean", _): "true or false"
        case ("null", _): "null"
        case ("string", "date"): "a date such as 2026-12-01"
        case ("string", "date-time"): "an instant such as 2026-11-25T09:30:00.000Z"
        case ("string", "email"): "an email address"
        case ("string", _): "text"
        default: nil
        }
    }
}

/// A documented path such as `/api/v1/invoices/{id}/payments`: `{…}` matches any one segment.
struct APIPathTemplate: Sendable {
    let segments: [Substring]

    init(_ template: String) {
        segments = template.split(separator: "/")
    }

    func matches(_ path: String) -> Bool {
        let actual = path.split(separator: "/")
        return segments.count == actual.count && zip(segments, actual).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}
