import Foundation

/// Where "now" comes from, so time-dependent rules can be tested at any instant.
public protocol PortalClock: Sendable {
    var now: Date { get }
}

/// The system's clock.
public struct SystemClock: PortalClock {
    public init() {}
    public var now: Date { Date() }
}
