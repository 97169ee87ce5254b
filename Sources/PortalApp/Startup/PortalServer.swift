import Hummingbird
import Logging
import PortalHTTP
import PortalKernel
import ServiceLifecycle

/// The HTTP server and, later, background jobs, run as swift-service-lifecycle services and stopped gracefully on
/// SIGINT or SIGTERM.
public struct PortalServer: Sendable {
    public let services: PortalServices
    public let settings: PortalSettings

    public init(services: PortalServices, settings: PortalSettings) {
        self.services = services
        self.settings = settings
    }

    /// The Hummingbird application serving every route.
    public func makeApplication() -> some ApplicationProtocol {
        Application(
            router: PortalRouter.build(services: services),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.httpHost, port: settings.httpPort), serverName: "client-portal"),
            logger: services.logger)
    }

    /// Serves until SIGINT or SIGTERM, then finishes in-flight requests and closes storage.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: makeApplication())],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: services.logger))
        do {
            try await group.run()
        } catch {
            try? await services.storage.close()
            throw error
        }
        try await services.storage.close()
        services.logger.info("Portal stopped")
    }
}
