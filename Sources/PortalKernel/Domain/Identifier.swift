import Foundation

/// A typed identifier: `Identifier<Customer>` and `Identifier<Invoice>` cannot be mixed up.
///
/// Encoded as a plain string (a lowercase UUID for identifiers the portal creates).
public struct Identifier<Entity>: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringInterpolation
{
    /// The identifier as stored and as it appears in URLs: a lowercase UUID for the portal's own records, or the string
    /// an import or a test gave.
    public let rawValue: String

    /// Wraps a stored or typed string as it is, without checking its form.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// A new random identifier.
    public static func random() -> Self {
        Self(rawValue: UUID().uuidString.lowercased())
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
