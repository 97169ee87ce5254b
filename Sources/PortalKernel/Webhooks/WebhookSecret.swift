import Foundation

/// An account's webhook signing secret: `whsec_` and the standard base64 (RFC 4648 §4) of 32 random bytes, the
/// form Standard Webhooks libraries take. The HMAC key is those bytes.
///
/// Secrets made before issue #17 carry base64url without padding after `whsec_`; they are still read (their key is
/// the same bytes), and ``libraryForm(of:)`` writes them the way a library expects.
public enum WebhookSecret {
    /// What every secret starts with, as Standard Webhooks libraries expect.
    public static let prefix = "whsec_"

    /// A fresh secret from the system's cryptographically secure generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }

    /// The HMAC key of `secret`: the bytes its part after `whsec_` encodes (standard or URL alphabet, padded or
    /// not), or the UTF-8 of the whole secret when that part is not base64.
    public static func key(of secret: String) -> Data {
        guard secret.hasPrefix(prefix) else { return Data(secret.utf8) }
        var encoded = String(secret.dropFirst(prefix.count))
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        encoded += String(repeating: "=", count: (4 - encoded.count % 4) % 4)
        return Data(base64Encoded: encoded) ?? Data(secret.utf8)
    }

    /// `secret` as a Standard Webhooks library reads it (`whsec_` and standard base64 of ``key(of:)``): the secret
    /// itself when it was made by ``generate()``.
    public static func libraryForm(of secret: String) -> String {
        prefix + key(of: secret).base64EncodedString()
    }
}
