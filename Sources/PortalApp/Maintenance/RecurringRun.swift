import Logging
import ServiceLifecycle

/// Runs one pass of a background job once at start and then every `interval`, until shutdown: the visits'
/// reminders (SPEC V5, ``PortalKernel/VisitReminderRun``) and autopay's charges (SPEC F12,
/// ``PortalKernel/AutopayRun``). A pass that fails is logged and the next one tries again; each pass is safe with
/// several instances running (the runs take their own claims).
public struct RecurringRun: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let pass: @Sendable () async throws -> Int

    /// Runs `pass` every `interval` (five minutes by default), logging a non-zero count as "`name`: `count`".
    public init(_ name: String, interval: Duration = .seconds(300), logger: Logger, pass: @escaping @Sendable () async throws -> Int) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.pass = pass
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let count = try await pass()
                if count > 0 { logger.info("\(name): \(count)") }
            } catch {
                logger.error("\(name) failed; trying again later: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
