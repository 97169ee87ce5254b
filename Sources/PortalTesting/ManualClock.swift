import Foundation
import PortalKernel
import Synchronization

/// A clock that stands still until a test moves it: retry waits and expiry can be stepped through.
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
