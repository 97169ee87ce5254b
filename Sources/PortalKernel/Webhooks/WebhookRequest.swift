/// A webhook event waiting in the outbox: where it goes and the exact JSON body. It is signed when sent, with the
/// account's current secret and the time of sending (see ``WebhookSignature``).
public struct WebhookRequest: Hashable, Codable, Sendable {
    /// The receiver's URL, from the account's settings.
    public var url: String
    /// `lead.created`, `proposal.accepted`, `proposal.declined`, `invoice.paid`.
    public var event: String
    /// The event's id: the same in every attempt, so a receiver can drop a repeat.
    public var eventID: String
    /// The JSON body, byte for byte as signed and sent.
    public var body: String

    /// Memberwise; ``WebhookEvents`` makes the body and the event id when it queues one.
    public init(url: String, event: String, eventID: String, body: String) {
        self.url = url
        self.event = event
        self.eventID = eventID
        self.body = body
    }
}

/// A webhook ready to post: URL, headers (signature included) and body.
public struct SignedWebhook: Hashable, Sendable {
    /// The receiver's URL, as the request was queued with it.
    public var url: String
    /// Every header to send, by name: `Content-Type`, `Portal-Event`, `Portal-Event-Id`, ``WebhookSignature/header``
    /// and the Standard Webhooks three (``StandardWebhookSignature``).
    public var headers: [String: String]
    /// The JSON body, byte for byte as signed: a sender posts it unchanged.
    public var body: String

    /// Memberwise; ``OutboxDelivery`` makes one at each attempt, signed with the account's current secret at the
    /// time of sending.
    public init(url: String, headers: [String: String], body: String) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// Posts signed webhooks. Chosen by `webhooks.driver`; the bundled `http` sender uses async-http-client.
public protocol WebhookSender: Sendable {
    var driverName: String { get }

    /// Posts `webhook`. A 2xx answer is delivered; throw ``WebhookDeliveryError``. A destination
    /// ``destinationProblem(_:)`` refuses at that moment is a permanent failure with its reason.
    func post(_ webhook: SignedWebhook) async throws

    /// Why this sender will not post to `url` (issue #17: a scheme the operator did not allow, a host that is or
    /// resolves to a reserved address, see ``ReservedAddress``), or `nil`. Checked when a URL is saved; a name that
    /// does not resolve yet is not refused here, since delivery checks again.
    func destinationProblem(_ url: String) async -> String?
}

/// Why a webhook was not delivered: worth retrying (the receiver is down, a 5xx, a time-out) or not (a 4xx).
public enum WebhookDeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    case transient(String)
    case permanent(String)

    public var description: String {
        switch self {
        case .transient(let reason), .permanent(let reason): reason
        }
    }
}
