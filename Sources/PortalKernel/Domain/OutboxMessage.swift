import Foundation

/// An email or a webhook waiting to be delivered, recorded in the same transaction as the change that caused it.
///
/// A worker delivers it through the configured ``Mailer`` or ``WebhookSender`` and records the outcome here, so
/// staff can see whether an invoice or proposal really reached the client. Exactly one of ``email`` and
/// ``webhook`` is set.
public struct OutboxMessage: Hashable, Codable, Sendable {
    public typealias ID = Identifier<OutboxMessage>

    /// Where a message is in its delivery: `queued` (not tried yet), `retrying` (an attempt failed in a way worth
    /// trying again), `delivered` (the mail server or webhook receiver accepted it), `failed` (refused for good, or
    /// given up on after ``RetryPolicy/giveUpAfter``).
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case queued
        case retrying
        case delivered
        case failed
    }

    /// The record an email is about, so its delivery state can be shown beside it.
    public typealias Subject = RecordReference

    /// The message's id, a random UUID string; logs name the message by it.
    public var id: ID
    /// The account the message is sent for; its webhooks are signed with that account's secret.
    public var accountID: Account.ID
    /// The email to deliver; `nil` for a webhook.
    public var email: EmailMessage?
    /// The webhook event to post; `nil` for an email.
    public var webhook: WebhookRequest?
    /// The record the message is about (the proposal, invoice or lead), so the back office shows its delivery state
    /// beside it; `nil` for one about no record.
    public var about: Subject?
    /// Where the message is in its delivery.
    public var status: Status
    /// How many delivery attempts have been made, 0 while queued.
    public var attempts: Int
    /// When the worker should try next.
    public var nextAttemptAt: Date
    /// The mail server's (or the webhook receiver's) reply to the last failed attempt.
    public var lastError: String?
    /// When the message was queued: the give-up age (``RetryPolicy/giveUpAfter``) counts from here.
    public var createdAt: Date
    /// When the mail server or webhook receiver accepted it; `nil` until delivered.
    public var deliveredAt: Date?

    /// Whether the message still waits to be delivered (queued or retrying).
    public var isPending: Bool { status == .queued || status == .retrying }

    /// An email to deliver.
    public init(
        id: ID = .random(), accountID: Account.ID, email: EmailMessage, about: Subject? = nil,
        status: Status = .queued, attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil, createdAt: Date,
        deliveredAt: Date? = nil
    ) {
        self.init(
            id: id, accountID: accountID, email: email, webhook: nil, about: about, status: status, attempts: attempts,
            nextAttemptAt: nextAttemptAt, lastError: lastError, createdAt: createdAt, deliveredAt: deliveredAt)
    }

    /// A webhook event to deliver.
    public init(
        id: ID = .random(), accountID: Account.ID, webhook: WebhookRequest, about: Subject? = nil, nextAttemptAt: Date, createdAt: Date
    ) {
        self.init(
            id: id, accountID: accountID, email: nil, webhook: webhook, about: about, status: .queued, attempts: 0,
            nextAttemptAt: nextAttemptAt, lastError: nil, createdAt: createdAt, deliveredAt: nil)
    }

    private init(
        id: ID, accountID: Account.ID, email: EmailMessage?, webhook: WebhookRequest?, about: Subject?, status: Status,
        attempts: Int, nextAttemptAt: Date, lastError: String?, createdAt: Date, deliveredAt: Date?
    ) {
        self.id = id
        self.accountID = accountID
        self.email = email
        self.webhook = webhook
        self.about = about
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }

    /// What it is and where it goes, for staff: `Invoice INV-1042 → cece@example.com` or `invoice.paid → https://…`.
    public var summary: (what: String, to: String) {
        if let webhook { return ("Webhook \(webhook.event)", webhook.url) }
        return (email?.subject ?? "", email?.to.map(\.address).joined(separator: ", ") ?? "")
    }
}
