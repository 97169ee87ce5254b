import Foundation
import Synchronization

/// Where "now" comes from, so time-dependent rules can be tested at any instant.
public protocol PortalClock: Sendable {
    var now: Date { get }
}

/// The system's clock.
public struct SystemClock: PortalClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until moved (tests, demos): retry waits and expiry can be stepped through.
public final class ManualClock: PortalClock {
    private let instant: Mutex<Date>

    public init(_ start: Date) {
        instant = Mutex(start)
    }

    public var now: Date { instant.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative amount).
    public func advance(by seconds: TimeInterval) {
        instant.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
