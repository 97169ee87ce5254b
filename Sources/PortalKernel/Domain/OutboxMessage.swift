import Foundation

/// An email waiting to be delivered, recorded in the same transaction as the change that caused it.
///
/// A worker delivers it through the configured ``Mailer`` and records the outcome here, so staff can see whether
/// an invoice or proposal really reached the client.
public struct OutboxMessage: Hashable, Codable, Sendable {
    public typealias ID = Identifier<OutboxMessage>

    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case queued
        case retrying
        case delivered
        case failed
    }

    /// The record an email is about, so its delivery state can be shown beside it.
    public typealias Subject = RecordReference

    public var id: ID
    public var accountID: Account.ID
    public var email: EmailMessage
    public var about: Subject?
    public var status: Status
    public var attempts: Int
    /// When the worker should try next.
    public var nextAttemptAt: Date
    /// The mail server's reply to the last failed attempt.
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(
        id: ID = .random(), accountID: Account.ID, email: EmailMessage, about: Subject? = nil,
        status: Status = .queued, attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil, createdAt: Date,
        deliveredAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.email = email
        self.about = about
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
