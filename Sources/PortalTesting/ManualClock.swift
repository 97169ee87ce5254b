import Foundation
import PortalKernel
import Synchronization

/// A clock that stands still until a test moves it: retry waits and expiry can be stepped through.
public final class ManualClock: PortalClock {
    private let instant: Mutex<Date>

    /// A clock showing `start` until ``advance(by:)`` moves it.
    public init(_ start: Date) {
        instant = Mutex(start)
    }

    /// The instant the clock shows: `start`, moved by every ``advance(by:)`` so far.
    public var now: Date { instant.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative amount).
    public func advance(by seconds: TimeInterval) {
        instant.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
