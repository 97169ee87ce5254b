import Foundation

extension Repositories {
    /// What sending a document writes, inside the caller's transaction: its email queued in the outbox, and the
    /// staff action in the audit trail.
    func recordSent(
        _ email: EmailMessage, about subject: RecordReference, action: AuditEvent.Action, in account: Account.ID,
        by actor: StaffActor?, at now: Date
    ) async throws {
        try await outbox.enqueue(OutboxMessage(accountID: account, email: email, about: subject, nextAttemptAt: now, createdAt: now))
        try await recordChange(action, about: subject, in: account, by: actor, at: now)
    }

    /// A back-office or API change in the audit trail, inside the caller's transaction (#20).
    func recordChange(
        _ action: AuditEvent.Action, about subject: RecordReference, in account: Account.ID, by actor: StaffActor?,
        detail: String? = nil, at now: Date
    ) async throws {
        try await auditEvents.record(AuditEvent(accountID: account, action: action, about: subject, by: actor, detail: detail, occurredAt: now))
    }
}
