import Logging
import PortalKernel
import ServiceLifecycle

/// Deletes login tokens and sessions that can never be used again, once at start and then every `interval`, so
/// storage does not grow with every login. Expired records are already refused when used; this only tidies up.
public struct ExpirySweeper: Service {
    let storage: any PortalStorage
    let clock: any PortalClock
    let interval: Duration
    let logger: Logger

    public init(storage: any PortalStorage, clock: any PortalClock, interval: Duration = .seconds(3_600), logger: Logger) {
        self.storage = storage
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// One sweep: returns how many tokens and sessions were deleted.
    @discardableResult
    public func sweep() async throws -> (tokens: Int, sessions: Int) {
        let now = clock.now
        let tokens = try await storage.loginTokens.deleteExpired(before: now)
        let sessions = try await storage.sessions.deleteExpired(before: now)
        if tokens + sessions > 0 {
            logger.info("Deleted \(tokens) expired login tokens and \(sessions) expired sessions")
        }
        return (tokens, sessions)
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
