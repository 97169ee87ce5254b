import Crypto
import Foundation

extension Data {
    /// The SHA-256 digest of these bytes as lowercase hex.
    public var sha256Hex: String {
        SHA256.hash(data: self).map { String(format: "%02x", $0) }.joined()
    }
}
