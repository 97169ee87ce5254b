import Hummingbird
import HummingbirdTesting
import PortalKernel
import Prometheus
import Synchronization
import Testing

@testable import PortalHTTP

@Suite("Metrics endpoint and meter")
struct MetricsEndpointTests {
    /// Keeps every event the kernel reports.
    final class RecordingMeter: PortalMeter {
        let events = Mutex<[PortalMeterEvent]>([])
        func record(_ event: PortalMeterEvent) { events.withLock { $0.append(event) } }
    }

    @Test("/metrics exists only with an endpoint; its token is required; the outbox depth is read from the storage")
    func endpoint() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
        }
        let token = "a-metrics-token-of-some-length"
        let endpoint = MetricsEndpoint(registry: PrometheusCollectorRegistry(), bearerToken: token)
        try await bed.run(options: PortalHTTPOptions(proxies: .anyPeer, metrics: endpoint)) { client in
            // A login link for Cece queues an email: the depth is at least one.
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/\(Seed.keyA)/login")
            _ = try await visitor.post("/portal/\(Seed.keyA)/login", [("email", "cece@example.com")])
            // The email is queued after the answer (#17, DeferredWork): wait for it.
            await bed.services.deferredWork.idle()
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-of-some-length"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let depth = try await bed.services.storage.outbox.depth()
                #expect(depth >= 1)
                #expect(String(buffer: response.body).contains("portal_outbox_depth \(depth).0"), "\(String(buffer: response.body))")
            }
        }
        await bed.remove()
    }

    @Test("#17: without a token, /metrics is open only when the server says so (loopback or metrics.public); else 403 saying how")
    func closedWithoutToken() async throws {
        let bed = try await PortalTestbed()
        for open in [false, true] {
            let endpoint = MetricsEndpoint(registry: PrometheusCollectorRegistry(), openWithoutToken: open)
            try await bed.run(options: PortalHTTPOptions(proxies: .anyPeer, metrics: endpoint)) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == (open ? .ok : .forbidden))
                    #expect(open || String(buffer: response.body).contains("metrics.public"))
                }
            }
        }
        await bed.remove()
    }

    @Test("#17: the kernel counts every login-link request alike, a stranger's as a customer's; and a link's use and each outbox attempt")
    func meterEvents() async throws {
        let meter = RecordingMeter()
        let bed = try await PortalTestbed(meter: meter)
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/\(Seed.keyA)/login")
            _ = try await browser.post("/portal/\(Seed.keyA)/login", [("email", "nobody@example.com")])
            #expect(meter.events.withLock { $0 } == [.loginLinkRequested])
            try await bed.logIn("cece@example.com", browser: &browser)
        }
        let events = meter.events.withLock { $0 }
        #expect(events.filter { $0 == .loginLinkRequested }.count == 2)
        #expect(events.filter { $0 == .loginLinkUsed }.count == 1)
        #expect(events.contains(.outboxAttempt(.delivered)))
        await bed.remove()
    }
}
