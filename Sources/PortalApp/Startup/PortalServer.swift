import Hummingbird
import Logging
import PortalHTTP
import PortalKernel
import ServiceLifecycle

/// The HTTP server, the outbox worker, the expiry sweeper and (with `backup.folder`) the scheduled backups, run as
/// swift-service-lifecycle services and stopped gracefully on SIGINT, SIGTERM or SIGHUP.
public struct PortalServer: Sendable {
    /// The services every route and background job uses; the meter is swift-metrics' when metrics are enabled.
    public let services: PortalServices
    /// The top-level settings: where to listen, the portal's policy, metrics.
    public let settings: PortalSettings

    /// With `metrics.enabled`, the kernel's counts go to the process's swift-metrics backend, behind `/metrics`.
    public init(services: PortalServices, settings: PortalSettings) {
        var services = services
        if settings.metricsEnabled { services.meter = SwiftMetricsMeter() }
        self.services = services
        self.settings = settings
    }

    /// The Hummingbird application serving every route.
    public func makeApplication() throws -> some ApplicationProtocol {
        Application(
            router: try PortalRouter.build(
                services: services,
                options: PortalHTTPOptions(
                    policy: settings.portal, proxies: settings.proxies, strictTransportSecurity: settings.strictTransportSecurity,
                    metrics: settings.metricsEnabled
                        ? MetricsEndpoint(
                            registry: PortalMetricsSystem.registry(), bearerToken: settings.metricsToken,
                            openWithoutToken: settings.metricsPublic || (Self.isLoopback(settings.httpHost) && !settings.proxies.isEnabled),
                            openBehindProxy: settings.metricsPublic) : nil)),
            server: settings.connectionTimeouts.server,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.httpHost, port: settings.httpPort), serverName: "client-portal"),
            logger: services.logger)
    }

    /// The worker that delivers queued email and webhooks through the configured mailer and webhook sender.
    public func makeOutboxWorker() -> OutboxWorker {
        let delivery = OutboxDelivery(
            storage: services.storage, mailer: services.mailer, webhooks: services.webhookSender, clock: services.clock,
            policy: settings.outbox.retryPolicy, logger: services.logger, meter: services.meter)
        return OutboxWorker(delivery: delivery, settings: settings.outbox, logger: services.logger)
    }

    /// Serves until SIGINT, SIGTERM or SIGHUP, then finishes in-flight requests, sends and deferred work, and closes storage.
    public func run() async throws {
        if settings.proxies.trustsAnyPeer {
            services.logger.warning(
                "http.trustForwardedFor believes X-Forwarded-For from any peer, so a client that reaches the port directly picks its own address: list your proxies in http.trustedProxies instead (Docs/Configuration.md)")
        }
        let emails = try TemplateEmailComposer(publicBaseURL: services.publicBaseURL)
        let (reminders, autopay) = (VisitReminderRun(services: services, emails: emails), AutopayRun(services: services, emails: emails))
        var members: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: try makeApplication()), .init(service: makeOutboxWorker()),
            .init(service: ExpirySweeper(storage: services.storage, clock: services.clock, logger: services.logger)),
            .init(service: RecurringRun("Visit reminders queued", logger: services.logger) { try await reminders.run() }),
            .init(service: RecurringRun("Invoices paid by autopay", logger: services.logger) { try await autopay.run() }),
        ]
        if let backup = settings.backup {
            members.append(
                .init(service: ScheduledBackups(storage: services.storage, files: services.files, clock: services.clock, settings: backup, logger: services.logger)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: members,
                // SIGHUP too (#21): the portal has no reload, and a hang-up must not kill it mid-request.
                gracefulShutdownSignals: [.sigterm, .sigint, .sighup],
                logger: services.logger))
        do {
            try await group.run()
        } catch {
            await services.deferredWork.idle()
            try? await services.files.close()
            try? await services.storage.close()
            throw error
        }
        // The HTTP server has stopped, so nothing more is handed off: finish what was (a login link asked for).
        await services.deferredWork.idle()
        try? await services.files.close()
        try await services.storage.close()
        services.logger.info("Portal stopped")
    }

    /// Whether `host` accepts connections from this machine only (`127.0.0.1`, `::1`, `localhost`): then whoever
    /// reaches `/metrics` is already on the machine (#17).
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.filter { $0 != "[" && $0 != "]" }.lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
