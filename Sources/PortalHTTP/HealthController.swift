import Hummingbird
import PortalKernel

/// `GET /health`: whether the portal can serve, and which drivers it runs on.
///
/// Answers 200 when storage answers, 503 otherwise, so a load balancer or an orchestrator can act on it. It names
/// drivers, never settings.
struct HealthController {
    let services: PortalServices

    /// The body of `/health`.
    struct Health: ResponseEncodable, Equatable {
        var status: String
        var storage: String
        var mailer: String
        var leadRouting: String
    }

    func register(on router: some RouterMethods<some RequestContext>) {
        router.get("health") { _, _ -> EditedResponse<Health> in
            let check = ServiceHealth(services: services)
            let healthy = await check.storageAnswers()
            let drivers = check.drivers
            let health = Health(
                status: healthy ? "ok" : "unavailable", storage: drivers.storage, mailer: drivers.mailer, leadRouting: drivers.leadRouting)
            return EditedResponse(status: healthy ? .ok : .serviceUnavailable, response: health)
        }
    }
}
