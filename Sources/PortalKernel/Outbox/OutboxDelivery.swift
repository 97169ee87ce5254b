import Foundation
import Logging

/// Delivers due outbox messages through the mailer and records each outcome (SPEC: durable outbox).
///
/// Success is recorded the moment the mailer returns, before anything else, so a message the server accepted is
/// not sent again, as far as the protocol allows: a crash between the server's "250" and that write can still
/// resend one message. A transient failure is retried with ``RetryPolicy``; a permanent one, or one past the
/// give-up age, marks the message `failed` with the server's reply, for staff to see beside the document.
public struct OutboxDelivery: Sendable {
    /// What one round did.
    public struct Round: Hashable, Sendable {
        /// How many messages the server or receiver accepted.
        public var delivered = 0
        /// How many failed in a way worth trying again, and will be.
        public var retrying = 0
        /// How many failed for good (refused, or past the give-up age).
        public var failed = 0

        /// Memberwise; all zero by default.
        public init(delivered: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.delivered = delivered
            self.retrying = retrying
            self.failed = failed
        }

        /// How many messages the round handled.
        public var handled: Int { delivered + retrying + failed }
    }

    let storage: any PortalStorage
    let mailer: any Mailer
    let webhooks: any WebhookSender
    let clock: any PortalClock
    let policy: RetryPolicy
    let logger: Logger
    let meter: any PortalMeter
    /// A number in 0…1 for the retry jitter (random in production, fixed in tests).
    let jitter: @Sendable () -> Double

    /// `jitter` defaults to a random number in 0…1; tests give a fixed one. `meter` defaults to recording nothing.
    public init(
        storage: any PortalStorage, mailer: any Mailer, webhooks: any WebhookSender, clock: any PortalClock, policy: RetryPolicy,
        logger: Logger, meter: any PortalMeter = SilentMeter(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.storage = storage
        self.mailer = mailer
        self.webhooks = webhooks
        self.clock = clock
        self.policy = policy
        self.logger = logger
        self.meter = meter
        self.jitter = jitter
    }

    /// Sends up to `limit` messages that are due now, oldest first, one after another.
    ///
    /// The messages are claimed first: in one transaction their next attempt moves ``claimLease`` ahead, so no
    /// other worker, in this process or another one on the same database, takes them while they are being sent.
    /// A worker that dies mid-send leaves its messages to be tried again once the lease has run out.
    public func deliverDue(limit: Int) async throws -> Round {
        var round = Round()
        for message in try await claimDue(limit: limit) {
            let status = try await deliver(message).status
            switch status {
            case .delivered: round.delivered += 1
            case .retrying, .queued: round.retrying += 1
            case .failed: round.failed += 1
            }
            meter.record(.outboxAttempt(status))
        }
        return round
    }

    /// How long a claimed message is left to the worker that claimed it.
    public static let claimLease: TimeInterval = 300

    private func claimDue(limit: Int) async throws -> [OutboxMessage] {
        let now = clock.now
        return try await storage.transaction { store in
            var claimed: [OutboxMessage] = []
            for var message in try await store.outbox.due(at: now, limit: limit) {
                message.nextAttemptAt = now.addingTimeInterval(Self.claimLease)
                try await store.outbox.update(message)
                claimed.append(message)
            }
            return claimed
        }
    }

    /// One attempt at one message, and its outcome recorded.
    @discardableResult
    public func deliver(_ message: OutboxMessage) async throws -> OutboxMessage {
        var message = message
        message.attempts = message.attempts.addingSaturating(1)
        let failure: (reply: String, permanent: Bool)
        do {
            try await send(message)
            return try await recordDelivered(message)
        } catch MailDeliveryError.permanent(let reply), WebhookDeliveryError.permanent(let reply) {
            failure = (reply, true)
        } catch MailDeliveryError.transient(let reply), WebhookDeliveryError.transient(let reply) {
            failure = (reply, false)
        } catch let error as RecordingFailed {
            throw error.underlying
        } catch {
            failure = ("\(error)", false)
        }
        let now = clock.now
        if failure.permanent || policy.hasGivenUp(queuedAt: message.createdAt, at: now) {
            message.status = .failed
            message.lastError =
                failure.permanent ? failure.reply : "gave up after \(message.attempts) attempts; last reply: \(failure.reply)"
            logger.warning("Delivery failed", metadata: ["outbox": "\(message.id)", "reply": "\(failure.reply)"])
        } else {
            message.status = .retrying
            message.lastError = failure.reply
            message.nextAttemptAt = now.addingTimeInterval(policy.delay(afterAttempts: message.attempts, jitter: jitter()))
            logger.notice("Delivery will be retried", metadata: ["outbox": "\(message.id)", "reply": "\(failure.reply)"])
        }
        try await storage.outbox.update(message)
        return message
    }

    /// Hands `message` to the mailer, or signs its webhook with the account's current secret (both the Standard
    /// Webhooks headers and `Portal-Signature`, kept for one release) and posts it.
    private func send(_ message: OutboxMessage) async throws {
        if let email = message.email {
            try await mailer.send(email)
        } else if let webhook = message.webhook {
            guard let secret = try await storage.accounts.find(message.accountID)?.settings.webhookSecret else {
                throw WebhookDeliveryError.permanent("the account has no webhook signing secret")
            }
            let now = clock.now
            let headers = [
                "Content-Type": "application/json", "Portal-Event": webhook.event, "Portal-Event-Id": webhook.eventID,
                WebhookSignature.header: WebhookSignature.value(secret: secret, body: webhook.body, at: now),
            ].merging(StandardWebhookSignature.headers(id: webhook.eventID, body: webhook.body, secret: secret, at: now)) { $1 }
            try await webhooks.post(SignedWebhook(url: webhook.url, headers: headers, body: webhook.body))
        } else {
            throw MailDeliveryError.permanent("the message holds neither an email nor a webhook")
        }
    }

    /// Records a message the mailer accepted. Any failure here is wrapped, so it can never be mistaken for a
    /// failed send (which would send the message again).
    private func recordDelivered(_ message: OutboxMessage) async throws -> OutboxMessage {
        var message = message
        message.status = .delivered
        message.deliveredAt = clock.now
        message.lastError = nil
        do {
            try await storage.outbox.update(message)
        } catch {
            logger.error("Sent, but the delivery could not be recorded: \(error)", metadata: ["outbox": "\(message.id)"])
            throw RecordingFailed(underlying: error)
        }
        logger.info("Delivered", metadata: ["outbox": "\(message.id)", "attempts": "\(message.attempts)"])
        return message
    }

    /// A delivered message whose success could not be written.
    private struct RecordingFailed: Error {
        let underlying: any Error
    }
}
