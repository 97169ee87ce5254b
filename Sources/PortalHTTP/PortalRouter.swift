import Hummingbird
import PortalKernel

/// Builds the router of the bundled HTTP front: every route the portal serves.
public enum PortalRouter {
    /// The request context every route uses.
    public typealias Context = PortalRequestContext

    /// A router with every route registered over `services`. Every `GET` route answers `HEAD` too, with the same
    /// status and headers and no body (RFC 9110 §9.3.2; Hummingbird's own option), so a proxy or monitor that checks
    /// with `HEAD /health` is answered (#21).
    ///
    /// - Throws: when a bundled template does not parse (a build defect the tests catch).
    public static func build(services: PortalServices, options: PortalHTTPOptions = PortalHTTPOptions()) throws -> Router<Context> {
        let router = Router(context: Context.self, options: .autoGenerateHeadEndpoints)
        let env = try PortalEnvironment(services: services, options: options)
        router.addMiddleware {
            RequestLogMiddleware(proxies: options.proxies)
            if options.metrics != nil {
                // Requests by route template and status, and their latency, through swift-metrics.
                MetricsMiddleware()
            }
            if let hsts = options.strictTransportSecurity, env.front.links.isSecure {
                StrictTransportSecurityMiddleware(policy: hsts, proxies: options.proxies)
            }
            SecurityHeadersMiddleware()
            APIMethodMiddleware(openAPI: PortalTemplates.openAPI)
            ErrorPageMiddleware(front: env.front)
            NULRefusalMiddleware()
            StorageUnavailableMiddleware()
            ReadGroupMiddleware(health: ServiceHealth(services: services))
            NotFoundPageMiddleware(
                front: env.front, portal: env.portal, staffAuthenticator: StaffSessionAuthenticator(staffSessions: env.staffSessions),
                clientAuthenticator: ClientSessionAuthenticator(sessions: env.sessions))
        }
        HealthController(services: services).register(on: router)
        if let metrics = options.metrics {
            MetricsController(endpoint: metrics, services: services).register(on: router)
        }
        for (path, type, bytes) in [
            ("assets/portal.css", "text/css; charset=utf-8", PortalTemplates.stylesheet),
            ("assets/admin.js", "text/javascript; charset=utf-8", PortalTemplates.adminScript),
        ] {
            router.get(RouterPath(path)) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        PortalRoutes.register(on: router, env: env)
        CalendarController(feeds: env.calendarFeeds, links: env.front.links, clock: services.clock).register(on: router)
        BackOfficeRoutes.register(on: router, env: env)
        let api = APIController(
            links: env.front.links, apiTokens: env.apiTokens, portal: env.portal, companySettings: env.companySettings,
            customerManagement: env.customerManagement, jobTracking: env.jobTracking, leadConversion: env.leadConversion,
            quoting: env.quoting, answers: env.answers, billing: env.billing, visitPlanning: env.visitPlanning,
            paymentMethods: env.paymentMethods, autopays: env.autopays, refunds: env.refunds)
        router.group("api/v1", context: APIRequestContext.self).add(middleware: APIErrorMiddleware()).addRoutes(api.routes)
        return router
    }
}
