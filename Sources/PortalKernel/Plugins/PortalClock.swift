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

/// A clock stopped at one instant (tests, demos, benchmarks).
public struct FixedClock: PortalClock {
    public var now: Date

    public init(_ now: Date) {
        self.now = now
    }
}
