import Foundation

/// The request bodies the OpenAPI document describes, used to refuse a field no operation knows (a misspelled
/// `taxRateBasisPoint` would otherwise be dropped in silence and the invoice made without tax). The document says
/// the same with `additionalProperties: false`, and the tests keep it equal to the routes, so the server refuses
/// exactly what the document forbids.
struct APIRequestSchemas: Sendable {
    /// Each operation's body schema, by method and documented path.
    private let operations: [(method: String, path: APIPathTemplate, schema: Schema)]

    /// A schema as far as field names go: the fields an object takes, what an array holds, the alternatives of an
    /// `anyOf`.
    indirect enum Schema: Sendable {
        case object([String: Schema])
        case array(Schema)
        case anyOf([Schema])
        case other
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
            // The alternative that fits the value's shape decides; `null` and plain values fit `.other`.
            let fitting = alternatives.first { alternative in
                switch alternative {
                case .object: value is [String: Any]
                case .array: value is [Any]
                default: false
                }
            }
            return fitting.flatMap { unknownField(in: value, schema: $0, at: place) }
        case .other:
            return nil
        }
    }

    /// Reads a JSON schema, following `$ref`s into `components` (to a bounded depth: the document is ours, but a
    /// cycle must not hang start-up).
    private static func read(_ raw: Any, components: [String: Any], depth: Int) -> Schema {
        guard depth < 16, let schema = raw as? [String: Any] else { return .other }
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
        return .other
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
