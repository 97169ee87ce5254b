import Metrics
import PortalKernel

/// The kernel's events as swift-metrics counters, so the process's metrics backend (Prometheus, for `/metrics`)
/// receives them.
///
/// A handle is made at each event, not kept: one made before the backend is bootstrapped would stay a no-op.
/// swift-prometheus hands back the same counter for the same name and labels.
struct SwiftMetricsMeter: PortalMeter {
    func record(_ event: PortalMeterEvent) {
        switch event {
        case .loginLinkRequested:
            Counter(label: "portal_login_link_requests_total").increment()
        case .loginLinkUsed:
            Counter(label: "portal_login_links_used_total").increment()
        case .outboxAttempt(let status):
            // A message put back in the queue is waiting for another try, as a retrying one is.
            let outcome = status == .queued ? OutboxMessage.Status.retrying : status
            Counter(label: "portal_outbox_attempts_total", dimensions: [("outcome", outcome.rawValue)]).increment()
        }
    }
}
