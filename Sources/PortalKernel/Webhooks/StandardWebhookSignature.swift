import Crypto
import Foundation

/// Signatures as the Standard Webhooks specification says (https://www.standardwebhooks.com, issue #17), so a
/// receiver checks them with an existing library in its language:
///
/// `webhook-id` (the event's id, the same on every attempt), `webhook-timestamp` (unix seconds) and
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the bytes of the
/// account's `whsec_` secret (``WebhookSecret/key(of:)``).
public enum StandardWebhookSignature {
    /// The header carrying the event's id, the same on every attempt.
    public static let idHeader = "webhook-id"
    /// The header carrying the time of sending, in unix seconds.
    public static let timestampHeader = "webhook-timestamp"
    /// The header carrying `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`.
    public static let signatureHeader = "webhook-signature"

    /// The three headers for `body`, the event `id`, sent at `instant`.
    public static func headers(id: String, body: String, secret: String, at instant: Date) -> [String: String] {
        let timestamp = Int(instant.timeIntervalSince1970)
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: WebhookSecret.key(of: secret)))
        return [idHeader: id, timestampHeader: "\(timestamp)", signatureHeader: "v1," + Data(code).base64EncodedString()]
    }
}
