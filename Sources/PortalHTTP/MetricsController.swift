import HTTPTypes
import Hummingbird
import PortalKernel
import Prometheus

/// Where `GET /metrics` reads its figures from, and who may read them.
public struct MetricsEndpoint: Sendable {
    /// The registry the process's swift-metrics backend records into.
    public var registry: PrometheusCollectorRegistry
    /// When set, `/metrics` answers only a request with `Authorization: Bearer <token>`.
    public var bearerToken: String?
    /// Without a token: whether anyone who reaches the port may read it (route templates and counts, never a record).
    /// The server opens it so only when it listens on loopback or the operator says `metrics.public` (#17); else
    /// `/metrics` answers 403 saying how to open it.
    public var openWithoutToken: Bool
    /// Without a token: whether a request a proxy forwarded (`X-Forwarded-For`, `Forwarded`) may read it too. Only
    /// with `metrics.public`: a server on loopback behind a proxy on the same host is reached from anywhere (#17).
    public var openBehindProxy: Bool

    /// Memberwise; without a token, open to nobody unless told otherwise.
    public init(
        registry: PrometheusCollectorRegistry, bearerToken: String? = nil, openWithoutToken: Bool = false, openBehindProxy: Bool = false
    ) {
        self.registry = registry
        self.bearerToken = bearerToken
        self.openWithoutToken = openWithoutToken
        self.openBehindProxy = openBehindProxy
    }
}

/// `GET /metrics`: the registry in Prometheus's text format, with the outbox's depth read from the storage at each
/// scrape (so every instance on one database reports the same queue).
struct MetricsController {
    let endpoint: MetricsEndpoint
    let services: PortalServices
    let outboxDepth: Gauge

    init(endpoint: MetricsEndpoint, services: PortalServices) {
        self.endpoint = endpoint
        self.services = services
        outboxDepth = endpoint.registry.makeGauge(
            name: "portal_outbox_depth", help: "Outbox messages (emails, webhooks) queued or retrying, of every account.")
    }

    func register(on router: some RouterMethods<some RequestContext>) {
        router.get("metrics") { request, _ -> Response in
            let forwarded = request.headers[.xForwardedFor] != nil || request.headers[HTTPField.Name("Forwarded")!] != nil
            guard endpoint.bearerToken != nil || (endpoint.openWithoutToken && (!forwarded || endpoint.openBehindProxy)) else {
                throw HTTPError(
                    .forbidden,
                    message: "Metrics are closed: set metrics.token (and send it as a bearer token), or metrics.public to open them.")
            }
            guard isAuthorized(request) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "A bearer token is required.")
            }
            outboxDepth.set(Double(try await ServiceHealth(services: services).outboxDepth()))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: endpoint.registry.emitToBuffer())))
        }
    }

    /// Whether the request carries the configured token (compared as hashes, so the time taken says nothing).
    private func isAuthorized(_ request: Request) -> Bool {
        guard let expected = endpoint.bearerToken else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return SecretToken.hash(of: String(header.dropFirst("Bearer ".count))) == SecretToken.hash(of: expected)
    }
}
