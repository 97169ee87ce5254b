import Crypto
import Foundation

/// How webhooks are signed, and how a receiver checks them (Docs/Webhooks.md).
///
/// `Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the account's signing secret>`.
/// A receiver recomputes the HMAC over the timestamp and the raw body, compares in constant time, and refuses a
/// timestamp more than ``tolerance`` away from its clock, so a captured request cannot be replayed later.
public enum WebhookSignature {
    /// The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256>` (the portal's own signature, kept beside the
    /// Standard Webhooks headers).
    public static let header = "Portal-Signature"
    /// Five minutes either way.
    public static let tolerance: TimeInterval = 300

    /// The header value for `body` sent at `instant`.
    public static func value(secret: String, body: String, at instant: Date) -> String {
        let timestamp = Int(instant.timeIntervalSince1970)
        return "t=\(timestamp),v1=\(mac(secret: secret, timestamp: timestamp, body: body))"
    }

    /// Whether `header` is a valid signature of `body` with `secret`, made within ``tolerance`` of `now`.
    public static func verify(header: String, body: String, secret: String, now: Date) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = Array(mac(secret: secret, timestamp: timestamp, body: body).utf8)
        return signatures.contains { candidate in
            let given = Array(candidate.utf8)
            return given.count == expected.count && zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func mac(secret: String, timestamp: Int, body: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
