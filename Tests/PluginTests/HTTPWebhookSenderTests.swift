import Foundation
import HTTPWebhooks
import PortalKernel
import PortalTestSupport
import Testing

@Suite("HTTP webhook sender", .serialized)
struct HTTPWebhookSenderTests {
    func post(to url: String) async throws {
        try await HTTPWebhookSender(timeoutSeconds: 5).post(
            SignedWebhook(url: url, headers: ["Content-Type": "application/json", "Portal-Event": "lead.created"], body: "{}"))
    }

    @Test("2xx is delivered; 408, 429, 5xx and a refused connection are worth retrying; other 4xx are permanent", arguments: [
        (200, nil), (204, nil), (500, "transient"), (503, "transient"), (408, "transient"), (429, "transient"), (404, "permanent"),
        (410, "permanent"), (400, "permanent"),
    ] as [(Int, String?)])
    func statusMapping(status: Int, expected: String?) async throws {
        let receiver = try LocalWebhookReceiver(secret: "s", status: status)
        defer { receiver.stop() }
        do {
            try await post(to: receiver.url)
            #expect(expected == nil, "HTTP \(status) counted as delivered")
        } catch WebhookDeliveryError.transient(let reason) {
            #expect(expected == "transient" && reason.contains("\(status)"), "HTTP \(status): \(reason)")
        } catch WebhookDeliveryError.permanent(let reason) {
            #expect(expected == "permanent" && reason.contains("\(status)"), "HTTP \(status): \(reason)")
        }
        #expect(try receiver.received().count == 1)
    }

    @Test("A receiver that is not listening is a temporary failure; a URL that is not http(s) a permanent one")
    func unreachableAndInvalid() async throws {
        let probe = try LocalWebhookReceiver(secret: "s")
        let url = probe.url
        probe.stop()
        do {
            try await post(to: url)
            Issue.record("a receiver that is not listening counted as delivered")
        } catch WebhookDeliveryError.transient {
        } catch {
            Issue.record("expected a temporary failure, got \(error)")
        }
        await #expect(throws: WebhookDeliveryError.permanent("not an http(s) URL: ftp://files.example/hook")) {
            try await post(to: "ftp://files.example/hook")
        }
    }
}
