/// What the kernel counts for an operator's dashboard. The kernel only says what happened; the executable's meter
/// records it (`portal serve` turns each event into a swift-metrics counter behind `/metrics`), and the default
/// records nothing, so the kernel stays free of any metrics library.
public protocol PortalMeter: Sendable {
    func record(_ event: PortalMeterEvent)
}

/// An event worth a counter.
public enum PortalMeterEvent: Hashable, Sendable {
    /// A login link was asked for, whatever the address: counted before the address is looked up, so the count
    /// says nothing about who is a customer (#17).
    case loginLinkRequested
    /// A login link started a portal session.
    case loginLinkUsed
    /// An outbox message was tried, and is now `delivered`, `retrying` or `failed` (for good).
    case outboxAttempt(OutboxMessage.Status)
}

/// The meter that records nothing: the default where no metrics backend is set up (tests, tools).
public struct SilentMeter: PortalMeter {
    /// The meter that records nothing.
    public init() {}
    public func record(_ event: PortalMeterEvent) {}
}
