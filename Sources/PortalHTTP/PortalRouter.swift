import Hummingbird
import PortalKernel

/// Builds the router of the bundled HTTP front: every route the portal serves.
public enum PortalRouter {
    /// The request context every route uses.
    public typealias Context = BasicRequestContext

    /// A router with every route registered over `services`.
    public static func build(services: PortalServices) -> Router<Context> {
        let router = Router(context: Context.self)
        router.addMiddleware {
            RequestLogMiddleware()
        }
        HealthController(services: services).register(on: router)
        return router
    }
}
