import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PortalKernel

/// Posts signed webhooks with async-http-client (`webhooks.driver = "http"`).
///
/// A 2xx answer is delivered. A connection error, a time-out, 408, 429 or a 5xx is worth retrying (the outbox
/// does, with backoff); any other 4xx, and a redirect (never followed), is permanent, with the status in the reply
/// staff see. A destination ``WebhookDestination`` refuses is permanent too, with the reason (issue #17).
///
/// Each delivery uses its own client on the shared event loops, so its connection goes to the address just checked
/// (async-http-client's `dnsOverride`, which still verifies the certificate for the URL's host).
public struct HTTPWebhookSender: WebhookSender {
    /// `http`, as `/health` shows it.
    public let driverName = "http"
    private let timeout: TimeAmount
    private let allowsInsecure: Bool

    /// `allowsInsecure` (`webhooks.allowInsecure`, for a private install) lets webhooks use `http` and reach
    /// loopback, private and link-local hosts.
    public init(timeoutSeconds: Int, allowsInsecure: Bool = false) {
        timeout = .seconds(Int64(timeoutSeconds))
        self.allowsInsecure = allowsInsecure
    }

    public func destinationProblem(_ url: String) async -> String? {
        do {
            _ = try await WebhookDestination.check(url, allowsInsecure: allowsInsecure)
            return nil
        } catch let refused as WebhookDestination.Refused {
            return refused.reason
        } catch WebhookDeliveryError.permanent(let reason) {
            return reason
        } catch {
            return nil
        }
    }

    public func post(_ webhook: SignedWebhook) async throws {
        let destination: WebhookDestination
        do {
            destination = try await WebhookDestination.check(webhook.url, allowsInsecure: allowsInsecure)
        } catch let refused as WebhookDestination.Refused {
            throw WebhookDeliveryError.permanent("refused: \(refused.reason)")
        }
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        for (name, value) in webhook.headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "User-Agent", value: "client-portal-webhooks/1")
        request.body = .bytes(ByteBuffer(string: webhook.body))
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.dnsOverride = destination.pinnedAddress.map { [destination.host: $0] } ?? [:]
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let status: HTTPResponseStatus
        do {
            let response = try await client.execute(request, timeout: timeout)
            status = response.status
            _ = try? await response.body.collect(upTo: 64 * 1_024)
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw WebhookDeliveryError.transient("\(error)")
        }
        switch status.code {
        case 200..<300: return
        case 408, 429, 500...: throw WebhookDeliveryError.transient("HTTP \(status.code) \(status.reasonPhrase)")
        case 300..<400: throw WebhookDeliveryError.permanent("HTTP \(status.code) \(status.reasonPhrase) (redirects are not followed)")
        default: throw WebhookDeliveryError.permanent("HTTP \(status.code) \(status.reasonPhrase)")
        }
    }
}

/// Registers the sender as `webhooks.driver = "http"`; `webhooks.timeoutSeconds` (1–120, default 10) and
/// `webhooks.allowInsecure` (default `false`).
public enum HTTPWebhooksPlugin {
    /// The name `webhooks.driver` selects it by (the default).
    public static let driverName = "http"

    public static func register(in registry: inout PluginRegistry) {
        registry.webhookSenders.register(driverName) { settings, _ in
            HTTPWebhookSender(
                timeoutSeconds: try settings.int("timeoutSeconds", default: 10, in: 1...120),
                allowsInsecure: try settings.bool("allowInsecure") ?? false)
        }
    }
}
