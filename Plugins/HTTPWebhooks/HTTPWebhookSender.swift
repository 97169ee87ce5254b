import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PortalKernel

/// Posts signed webhooks with async-http-client (`webhooks.driver = "http"`).
///
/// A 2xx answer is delivered. A connection error, a time-out, 408, 429 or a 5xx is worth retrying (the outbox
/// does, with backoff); any other 4xx is permanent, with the status in the reply staff see.
///
/// It uses async-http-client's process-wide shared client, which needs no shutdown.
public struct HTTPWebhookSender: WebhookSender {
    public let driverName = "http"
    private let timeout: TimeAmount

    public init(timeoutSeconds: Int) {
        timeout = .seconds(Int64(timeoutSeconds))
    }

    public func post(_ webhook: SignedWebhook) async throws {
        guard let url = URL(string: webhook.url), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw WebhookDeliveryError.permanent("not an http(s) URL: \(webhook.url)")
        }
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        for (name, value) in webhook.headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "User-Agent", value: "client-portal-webhooks/1")
        request.body = .bytes(ByteBuffer(string: webhook.body))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw WebhookDeliveryError.transient("\(error)")
        }
        let status = response.status
        switch status.code {
        case 200..<300: return
        case 408, 429, 500...: throw WebhookDeliveryError.transient("HTTP \(status.code) \(status.reasonPhrase)")
        default: throw WebhookDeliveryError.permanent("HTTP \(status.code) \(status.reasonPhrase)")
        }
    }
}

/// Registers the sender as `webhooks.driver = "http"`; `webhooks.timeoutSeconds` (1–120, default 10).
public enum HTTPWebhooksPlugin {
    public static let driverName = "http"

    public static func register(in registry: inout PluginRegistry) {
        registry.webhookSenders.register(driverName) { settings, _ in
            HTTPWebhookSender(timeoutSeconds: try settings.int("timeoutSeconds", default: 10, in: 1...120))
        }
    }
}
