import Logging
import PortalKernel
import ServiceLifecycle

/// Queues the visits' reminder emails (SPEC V5) once at start and then every `interval` (``VisitReminderRun``): a
/// reminder goes out within `interval` of the account's reminder hour, once per visit, however many instances run.
public struct VisitReminderService: Service {
    let reminders: VisitReminderRun
    let interval: Duration
    let logger: Logger

    /// Runs `reminders` every `interval` (five minutes by default).
    public init(reminders: VisitReminderRun, interval: Duration = .seconds(300), logger: Logger) {
        self.reminders = reminders
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let queued = try await reminders.run()
                if queued > 0 { logger.info("Queued \(queued) visit reminders") }
            } catch {
                logger.error("Visit reminders failed; trying again later: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
