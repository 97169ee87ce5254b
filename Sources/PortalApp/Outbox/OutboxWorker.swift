import Logging
import PortalKernel
import ServiceLifecycle

/// The background service that empties the outbox: a round of due messages, then a short wait, until the portal
/// shuts down. A graceful shutdown interrupts the wait, never a send: the message being sent is finished and
/// recorded first.
public struct OutboxWorker: Service {
    let delivery: OutboxDelivery
    let settings: OutboxSettings
    let logger: Logger

    /// Runs `delivery` in rounds of `settings.batchSize`, waiting `settings.pollInterval` after a round that was not
    /// full.
    public init(delivery: OutboxDelivery, settings: OutboxSettings, logger: Logger) {
        self.delivery = delivery
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var fullRound = false
            do {
                // Not cancelled by the shutdown: a send in progress is finished and recorded.
                let round = try await delivery.deliverDue(limit: settings.batchSize)
                fullRound = round.handled == settings.batchSize
            } catch {
                logger.error("Outbox round failed; trying again after the wait: \(error)")
            }
            // A full round may have left more due: go again at once. Otherwise wait, unless shutting down.
            if !fullRound {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: settings.pollInterval) }
            }
        }
        logger.info("Outbox worker stopped")
    }
}

/// The `outbox` section of the configuration.
public struct OutboxSettings: Hashable, Sendable {
    /// How long the worker waits when nothing was due.
    public var pollInterval: Duration
    /// How many messages one round sends at most.
    public var batchSize: Int
    /// When a failed message is tried again and when it is given up on (`retryBaseSeconds`, `retryMaxSeconds`,
    /// `giveUpAfterHours`).
    public var retryPolicy: RetryPolicy

    /// Memberwise, with the defaults: a round every 2 seconds when idle, 20 messages a round, the default retry policy.
    public init(pollInterval: Duration = .seconds(2), batchSize: Int = 20, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.retryPolicy = retryPolicy
    }

    /// Reads `outbox.pollSeconds`, `outbox.batchSize`, `outbox.retryBaseSeconds`, `outbox.retryMaxSeconds` and
    /// `outbox.giveUpAfterHours`, with the defaults above (give up after 120 hours, as Postfix does).
    public init(_ section: any PluginSettings) throws {
        let defaults = RetryPolicy()
        let base = try section.int("retryBaseSeconds", default: Int(defaults.baseDelay), in: 1...86_400)
        let maximum = try section.int("retryMaxSeconds", default: Int(defaults.maximumDelay), in: base...604_800)
        self.init(
            pollInterval: .seconds(try section.int("pollSeconds", default: 2, in: 1...3_600)),
            batchSize: try section.int("batchSize", default: 20, in: 1...1_000),
            retryPolicy: RetryPolicy(
                baseDelay: Double(base), maximumDelay: Double(maximum),
                giveUpAfter: Double(try section.int("giveUpAfterHours", default: 120, in: 1...8_760)) * 3_600))
    }
}
