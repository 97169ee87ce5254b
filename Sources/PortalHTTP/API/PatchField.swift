/// A field of a `PATCH` body, read as JSON Merge Patch (RFC 7396, #20): left out (unchanged), `null` (clear it) or
/// a value.
enum PatchField<Value: Decodable & Sendable>: Decodable, Sendable {
    case absent
    case null
    case value(Value)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Value.self))
    }

    /// The change to make: `nil` to leave the value, `.some(nil)` to clear it.
    var change: Value?? {
        switch self {
        case .absent: nil
        case .null: .some(nil)
        case .value(let value): .some(value)
        }
    }

    /// The new value of a field that cannot be cleared: `nil` when it is left out; a 422 naming `field` for `null`.
    func required(_ field: String, _ why: String) throws -> Value? {
        switch self {
        case .absent: nil
        case .null: throw APIError.invalid("\(field): cannot be null; \(why).")
        case .value(let value): value
        }
    }
}

extension KeyedDecodingContainer {
    /// A merge-patch field: a key left out is `.absent` rather than an error, and `null` is `.null`, not left out.
    func decode<Value>(_: PatchField<Value>.Type, forKey key: Key) throws -> PatchField<Value> {
        guard contains(key) else { return .absent }
        return try decodeNil(forKey: key) ? .null : .value(try decode(Value.self, forKey: key))
    }
}
