import Metrics
import Prometheus
import Synchronization

/// The process's swift-metrics backend: one Prometheus registry, bootstrapped the first time it is asked for.
///
/// swift-metrics takes one backend per process, so a team's own executable that bootstraps its own sets
/// `metrics.enabled = false`. Hummingbird's request metrics are renamed to Prometheus's conventions here.
public enum PortalMetricsSystem {
    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry every metric of this process is recorded into; the first call bootstraps swift-metrics.
    public static func registry() -> PrometheusCollectorRegistry {
        bootstrapped.withLock { existing in
            if let existing { return existing }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.nameAndLabelSanitizer = { name, labels in
                (names[name] ?? name, labels.map { (labelNames[$0.0] ?? $0.0, $0.1) })
            }
            // Finer at the low end than the default (5 ms upwards): the portal's pages answer in a few milliseconds.
            factory.defaultDurationHistogramBuckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]
                .map { Duration.microseconds(Int64($0 * 1_000)) }
            MetricsSystem.bootstrap(factory)
            existing = registry
            return registry
        }
    }

    /// Hummingbird's metric names, as Prometheus names them.
    static let names = [
        "hb.requests": "http_requests_total",
        "hb.request.errors": "http_request_errors_total",
        "http.server.request.duration": "http_request_duration_seconds",
        "http.server.active_requests": "http_active_requests",
    ]
    static let labelNames = [
        "http.route": "route", "http.request.method": "method", "http.response.status_code": "status", "error.type": "status",
    ]
}
