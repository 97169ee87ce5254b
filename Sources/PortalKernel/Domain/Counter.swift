import Foundation

/// A short-lived number kept under a key and shared by every server process: a rate-limit window, a login's
/// failed-password count, a claim on a payment's idempotency key.
///
/// Counters live in the storage so that several `portal serve` instances on one database count together; they
/// are not part of `portal export` (they are security state that ends within minutes, not business records).
public struct Counter: Hashable, Codable, Sendable {
    /// What is counted, as ``CounterKey`` makes it (a hash: no email or address is stored in the clear).
    public var key: String
    /// How many attempts or failures the current window has counted (1 for a claim).
    public var count: Int
    /// When the current window began (the first attempt or failure counted in it).
    public var windowStart: Date
    /// The latest attempt or failure counted.
    public var lastAt: Date
    /// Set while the key is locked out.
    public var lockedUntil: Date?
    /// From here on the counter is treated as absent, and the expiry sweep deletes it.
    public var expiresAt: Date

    /// Memberwise; `lockedUntil` defaults to not locked.
    public init(key: String, count: Int, windowStart: Date, lastAt: Date, lockedUntil: Date? = nil, expiresAt: Date) {
        self.key = key
        self.count = count
        self.windowStart = windowStart
        self.lastAt = lastAt
        self.lockedUntil = lockedUntil
        self.expiresAt = expiresAt
    }
}

/// Turns what a counter is about (`login-email:acc:ann@example.com`) into its stored key: a SHA-256 hash, so the
/// counters table never holds an email or IP address in the clear.
public enum CounterKey {
    public static func make(_ subject: String) -> String {
        SecretToken.hash(of: subject)
    }
}
