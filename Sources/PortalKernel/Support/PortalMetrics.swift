import CoreMetrics

/// The portal's own counters, recorded through swift-metrics: whichever backend the executable bootstrapped at
/// start-up (Prometheus for `/metrics`) receives them, and none is a no-op.
///
/// Each handle is looked up when it is used, not kept: a handle made before the bootstrap would stay a no-op.
public enum PortalMetrics {
    /// Login links emailed to a customer's address (not requests for unknown addresses, which send nothing).
    public static let loginLinksIssued = "portal_login_links_issued_total"
    /// Login links used to start a portal session.
    public static let loginLinksUsed = "portal_login_links_used_total"
    /// Delivery attempts of outbox messages, by `outcome`: `delivered`, `retrying` or `failed` (for good).
    public static let outboxAttempts = "portal_outbox_attempts_total"

    /// Adds `amount` to the counter `name`.
    public static func count(_ name: String, by amount: Int = 1, dimensions: [(String, String)] = []) {
        guard amount > 0 else { return }
        CoreMetrics.Counter(label: name, dimensions: dimensions).increment(by: amount)
    }
}
