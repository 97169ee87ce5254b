import Logging
import PortalKernel
import ServiceLifecycle

/// Deletes login tokens, sessions and counters that can never be used again, once at start and then every `interval`, so
/// storage does not grow with every login. Expired records are already refused when used; this only tidies up.
public struct ExpirySweeper: Service {
    let storage: any PortalStorage
    let clock: any PortalClock
    let interval: Duration
    let logger: Logger

    /// Sweeps `storage` once at start and then every `interval` (an hour by default), judging expiry by `clock`.
    public init(storage: any PortalStorage, clock: any PortalClock, interval: Duration = .seconds(3_600), logger: Logger) {
        self.storage = storage
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// What one sweep deleted.
    public struct Swept: Hashable, Sendable {
        /// Login tokens past their expiry.
        public var tokens: Int
        /// Sessions past their absolute expiry.
        public var sessions: Int
        /// Rate-limit windows, login lockouts and payment claims that have run out.
        public var counters: Int
    }

    /// One sweep: returns how many records of each kind were deleted.
    @discardableResult
    public func sweep() async throws -> Swept {
        let now = clock.now
        let swept = Swept(
            tokens: try await storage.loginTokens.deleteExpired(before: now),
            sessions: try await storage.sessions.deleteExpired(before: now),
            counters: try await storage.counters.deleteExpired(before: now))
        if swept.tokens + swept.sessions + swept.counters > 0 {
            logger.info(
                "Deleted \(swept.tokens) expired login tokens, \(swept.sessions) expired sessions and \(swept.counters) expired counters")
        }
        return swept
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await sweep()
            } catch {
                logger.error("Expiry sweep failed; trying again later: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
