import Foundation

/// Where "now" comes from, so time-dependent rules can be tested at any instant.
public protocol PortalClock: Sendable {
    var now: Date { get }
}

/// The system's clock.
public struct SystemClock: PortalClock {
    /// The system's clock; there is nothing to set.
    public init() {}
    /// The current instant, by the system's clock.
    public var now: Date { Date() }
}
