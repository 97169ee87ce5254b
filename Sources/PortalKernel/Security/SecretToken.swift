import Foundation

/// A random secret handed to a person (a login link, a session cookie, an API token) and its stored hash.
///
/// 32 random bytes (256 bits), base64url without padding. Only ``hash`` is ever stored, so a leaked database
/// holds nothing that logs anybody in.
public struct SecretToken: Hashable, Sendable {
    /// The value given to the person: it goes into a link or a cookie and nowhere else.
    public let value: String

    /// A fresh token from the system's cryptographically secure generator.
    public static func generate() -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SecretToken(value: Data(bytes).base64URLEncodedString())
    }

    /// Wraps a value a person presented, to hash and look up.
    public init(value: String) {
        self.value = value
    }

    /// Whether `value` looks like a token this type generates (43 base64url characters), so anything else can be
    /// refused before it is hashed or looked up.
    public static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
                || byte == 0x5F
        }
    }

    /// The SHA-256 of the value, as lowercase hex: what storage keeps and looks tokens up by.
    public var hash: String { Self.hash(of: value) }

    /// The SHA-256 of `value`, as lowercase hex.
    public static func hash(of value: String) -> String {
        Data(value.utf8).sha256Hex
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5): safe in URLs and cookies as it is.
    func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
